namespace EdgeDb.Tables;

/// <summary>How a <see cref="TableWriter"/> lays out a table.</summary>
internal sealed class TableWriterOptions
{
    /// <summary>The raw size at which a data block is closed.</summary>
    public int BlockSize { get; init; } = 4096;

    /// <summary>Bloom filter bits per distinct key; 0 writes no filter.</summary>
    public int BloomBitsPerKey { get; init; } = 10;

    public TableCompression Compression { get; init; } = TableCompression.None;

    /// <summary>Zstandard level; 3 is zstd's own default, a fair trade of speed for ratio on flushes.</summary>
    public int ZstdLevel { get; init; } = 3;

    internal void Validate()
    {
        if (BlockSize < 256 || BlockSize > 64 * 1024 * 1024)
        {
            throw new ArgumentException($"BlockSize must be between 256 and 64 MiB; it is {BlockSize}.", nameof(BlockSize));
        }

        if (BloomBitsPerKey < 0 || BloomBitsPerKey > 64)
        {
            throw new ArgumentException($"BloomBitsPerKey must be between 0 and 64; it is {BloomBitsPerKey}.", nameof(BloomBitsPerKey));
        }

        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Unknown compression {Compression}.", nameof(Compression));
        }
    }
}
