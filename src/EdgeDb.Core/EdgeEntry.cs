namespace EdgeDb;

/// <summary>One key and its value, as a scan yields them. The memory is the store's: read it, do not keep
/// writable views of it (copy with <c>ToArray()</c> to keep the bytes past the scan).</summary>
public readonly struct EdgeEntry
{
    internal EdgeEntry(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key.</summary>
    public ReadOnlyMemory<byte> Key { get; }

    /// <summary>The value.</summary>
    public ReadOnlyMemory<byte> Value { get; }
}
