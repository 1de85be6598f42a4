namespace EdgeDb.Lsm;

/// <summary>What the manifest records of one live table (docs/lsm.md, "The manifest").</summary>
internal sealed record TableMetadata(
    int Level,
    ulong FileNumber,
    long FileSize,
    long EntryCount,
    ulong SmallestSequence,
    ulong LargestSequence,
    byte[] SmallestKey,
    byte[] LargestKey)
{
    /// <summary>True when the table's key range meets [<paramref name="smallest"/>, <paramref name="largest"/>].</summary>
    public bool Overlaps(ReadOnlySpan<byte> smallest, ReadOnlySpan<byte> largest) =>
        LargestKey.AsSpan().SequenceCompareTo(smallest) >= 0 && SmallestKey.AsSpan().SequenceCompareTo(largest) <= 0;

    /// <summary>True when <paramref name="key"/> lies in the table's key range.</summary>
    public bool Covers(ReadOnlySpan<byte> key) =>
        SmallestKey.AsSpan().SequenceCompareTo(key) <= 0 && LargestKey.AsSpan().SequenceCompareTo(key) >= 0;
}
