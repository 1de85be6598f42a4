using System.Buffers.Binary;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>The 64-byte footer at the end of a table (docs/table-format.md, "Footer").</summary>
internal readonly record struct TableFooter(BlockHandle? Filter, BlockHandle Properties, BlockHandle Index)
{
    private const int CrcOffset = 52;
    private const int MagicOffset = 56;

    /// <summary>Where the data blocks end: the filter block or, without one, the properties block.</summary>
    public long DataEnd => Filter?.Offset ?? Properties.Offset;

    public void Encode(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)(Filter?.Offset ?? 0));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], (ulong)(Filter?.Size ?? 0));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], (ulong)Properties.Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], (ulong)Properties.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], (ulong)Index.Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[40..], (ulong)Index.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[48..], TableFormat.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[CrcOffset..], Crc32C.Compute(destination[..CrcOffset]));
        BinaryPrimitives.WriteUInt64LittleEndian(destination[MagicOffset..], TableFormat.Magic);
    }

    /// <summary>
    /// Decodes and checks the footer of a file of <paramref name="fileLength"/> bytes: magic, CRC, version, and
    /// handles that lay the regions out contiguously before the footer. Nothing is allocated from its values.
    /// </summary>
    public static TableFooter Decode(ReadOnlySpan<byte> footer, long fileLength, string path)
    {
        var footerStart = fileLength - TableFormat.FooterSize;
        if (BinaryPrimitives.ReadUInt64LittleEndian(footer[MagicOffset..]) != TableFormat.Magic)
        {
            throw Corrupt("the footer has no table magic (not a table, or truncated)", path, footerStart + MagicOffset);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[CrcOffset..]) != Crc32C.Compute(footer[..CrcOffset]))
        {
            throw Corrupt("the footer fails its CRC", path, footerStart);
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(footer[48..]);
        if (version != TableFormat.FormatVersion)
        {
            throw Corrupt($"unknown format version {version}", path, footerStart + 48);
        }

        var filterOffset = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        var filterSize = BinaryPrimitives.ReadUInt64LittleEndian(footer[8..]);
        var propertiesOffset = BinaryPrimitives.ReadUInt64LittleEndian(footer[16..]);
        var propertiesSize = BinaryPrimitives.ReadUInt64LittleEndian(footer[24..]);
        var indexOffset = BinaryPrimitives.ReadUInt64LittleEndian(footer[32..]);
        var indexSize = BinaryPrimitives.ReadUInt64LittleEndian(footer[40..]);

        // Each region must end exactly where the next begins; checked from the footer backwards so every
        // bound is already known to lie inside the file.
        if (!EndsAt(indexOffset, indexSize, (ulong)footerStart))
        {
            throw Corrupt("the index handle does not end at the footer", path, footerStart + 32);
        }

        if (!EndsAt(propertiesOffset, propertiesSize, indexOffset))
        {
            throw Corrupt("the properties handle does not end at the index block", path, footerStart + 16);
        }

        BlockHandle? filter = null;
        if (filterOffset != 0 || filterSize != 0)
        {
            if (!EndsAt(filterOffset, filterSize, propertiesOffset))
            {
                throw Corrupt("the filter handle does not end at the properties block", path, footerStart);
            }

            filter = new BlockHandle((long)filterOffset, (int)filterSize);
        }

        var dataEnd = filter?.Offset ?? (long)propertiesOffset;
        if (dataEnd < TableFormat.TrailerSize + 1)
        {
            throw Corrupt("the table has no data blocks", path, footerStart);
        }

        return new TableFooter(filter, new BlockHandle((long)propertiesOffset, (int)propertiesSize), new BlockHandle((long)indexOffset, (int)indexSize));
    }

    /// <summary>offset + size + trailer == end, in arithmetic that cannot overflow, and size fits a block.</summary>
    private static bool EndsAt(ulong offset, ulong size, ulong end) =>
        offset <= end
        && end - offset >= TableFormat.TrailerSize
        && end - offset - TableFormat.TrailerSize == size
        && size <= TableFormat.MaxRawBlockSize;

    private static EdgeCorruptionException Corrupt(string what, string path, long offset) =>
        new($"Sorted table '{path}': {what}.", path, offset);
}
