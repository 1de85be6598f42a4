namespace EdgeDb.Format;

/// <summary>
/// The largest lengths any file format holds, whatever a store's options say: what a reader checks a length read
/// from disk against before it uses it. The public limits are <see cref="EdgeStoreOptions.KeySizeLimit"/> and
/// <see cref="EdgeStoreOptions.ValueSizeLimit"/>.
/// </summary>
internal static class FormatLimits
{
    public const int MaxKeyLength = EdgeStoreOptions.KeySizeLimit;

    /// <summary>A stored value: the largest user value, plus an expiry when it has one.</summary>
    public const int MaxValueLength = EdgeStoreOptions.ValueSizeLimit + Expiry.Size;

    /// <summary>An encoded batch (a WAL record's payload) is at most as large as the largest value.</summary>
    public const int MaxBatchLength = EdgeStoreOptions.ValueSizeLimit;
}
