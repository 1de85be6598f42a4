using EdgeDb.MemTables;

namespace EdgeDb.Tables;

/// <summary>The constants of the sorted table format (docs/table-format.md); the key order is <see cref="Format.InternalKey"/>.</summary>
internal static class TableFormat
{
    public const uint FormatVersion = 1;

    /// <summary>ASCII "EDGESST\n", read as a little-endian u64.</summary>
    public const ulong Magic = 0x0A54535345474445;

    public const int FooterSize = 64;

    public const int TrailerSize = 5;

    /// <summary>Entries between restart points in a data block; the index block restarts at every entry.</summary>
    public const int DataRestartInterval = 16;

    public const int IndexRestartInterval = 1;

    /// <summary>The largest raw block; bounds every allocation a decompression makes.</summary>
    public const int MaxRawBlockSize = 1 << 30;

    /// <summary>The 12-byte value of an index entry: u64 offset, u32 stored size.</summary>
    public const int HandleSize = 12;

    /// <summary>Stored bytes of a compressed block start with the u32 raw size.</summary>
    public const int CompressedHeaderSize = 4;

}
