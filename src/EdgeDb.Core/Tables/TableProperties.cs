namespace EdgeDb.Tables;

/// <summary>What a finished table holds: its properties block plus the file size.</summary>
internal sealed record TableProperties
{
    public required long FileSize { get; init; }

    public required long EntryCount { get; init; }

    public required long DeleteCount { get; init; }

    public required long DistinctKeyCount { get; init; }

    public required long DataBlockCount { get; init; }

    /// <summary>The first entry's user key.</summary>
    public required byte[] SmallestKey { get; init; }

    /// <summary>The last entry's user key.</summary>
    public required byte[] LargestKey { get; init; }

    public required ulong MinSequence { get; init; }

    public required ulong MaxSequence { get; init; }

    public required long RawDataSize { get; init; }

    public required TableCompression Compression { get; init; }

    public required int BlockSize { get; init; }

    public required int BloomBitsPerKey { get; init; }

    public uint FormatVersion { get; init; } = TableFormat.FormatVersion;
}
