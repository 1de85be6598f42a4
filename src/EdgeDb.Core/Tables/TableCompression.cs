namespace EdgeDb.Tables;

/// <summary>How the data blocks of a table are compressed. The values are the on-disk type bytes.</summary>
internal enum TableCompression : byte
{
    None = 0,
    Lz4 = 1,
    Zstd = 2,
}
