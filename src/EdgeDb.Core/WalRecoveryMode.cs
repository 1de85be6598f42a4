namespace EdgeDb;

/// <summary>
/// How opening a store treats a damaged write-ahead log. See docs/durability.md.
/// </summary>
public enum WalRecoveryMode
{
    /// <summary>
    /// A torn or corrupt tail of the newest segment, with nothing valid after it, is cut off;
    /// damage anywhere else raises <see cref="EdgeCorruptionException"/>. The default.
    /// </summary>
    TolerateCorruptedTail = 0,

    /// <summary>Any damage, a torn tail included, raises <see cref="EdgeCorruptionException"/>.</summary>
    AbsoluteConsistency = 1,

    /// <summary>
    /// Salvage: replay stops at the first damage anywhere and the store opens with the valid prefix.
    /// The damaged segment and every later one are first copied to the <c>lost</c> folder of the store.
    /// </summary>
    PointInTimeRecovery = 2,
}
