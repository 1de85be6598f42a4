namespace EdgeDb;

/// <summary>How the blocks of sorted tables are compressed (a block is stored raw when compression saves under 12.5%).</summary>
public enum EdgeCompression
{
    /// <summary>Blocks are stored as they are: the fastest reads and writes.</summary>
    None = 0,

    /// <summary>LZ4: fast, moderate ratio.</summary>
    Lz4 = 1,

    /// <summary>Zstandard: a better ratio for more CPU.</summary>
    Zstd = 2,
}
