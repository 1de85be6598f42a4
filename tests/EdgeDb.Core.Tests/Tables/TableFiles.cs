using System.Buffers.Binary;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

/// <summary>Byte-level surgery on table files for the format and damage tests.</summary>
internal static class TableFiles
{
    public const int FooterSize = 64;

    /// <summary>A stored block as the spec lays it out: bytes, type 0, CRC32C of both.</summary>
    public static byte[] WithTrailer(byte[] stored)
    {
        byte[] covered = [.. stored, 0];
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32C.Compute(covered));
        return [.. covered, .. crc];
    }

    public static ulong FooterField(byte[] file, int fieldOffset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(file.Length - FooterSize + fieldOffset));

    /// <summary>Rewrites a u64 footer field and re-seals the footer CRC, so only the field's meaning is wrong.</summary>
    public static void SetFooterField(byte[] file, int fieldOffset, ulong value)
    {
        var footer = file.AsSpan(file.Length - FooterSize, FooterSize);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[fieldOffset..], value);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[52..], Crc32C.Compute(footer[..52]));
    }

    /// <summary>Re-seals the trailer CRC of the (uncompressed) block at a handle after its bytes were edited.</summary>
    public static void ResealBlock(byte[] file, long offset, long size)
    {
        var covered = file.AsSpan((int)offset, (int)size + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)(offset + size + 1)), Crc32C.Compute(covered));
    }

    /// <summary>
    /// The offset of the first index entry's 12-byte handle (the first entry of the index block has shared 0, a
    /// one-byte unshared length for short keys, a one-byte value length, then key and tag).
    /// </summary>
    public static int FirstIndexHandleOffset(byte[] file)
    {
        var indexOffset = (int)FooterField(file, 32);
        var keyLength = file[indexOffset + 1];
        return indexOffset + 3 + keyLength + 8;
    }

    public static (long Offset, long Size) IndexHandle(byte[] file) => ((long)FooterField(file, 32), (long)FooterField(file, 40));

    public static (long Offset, long Size) PropertiesHandle(byte[] file) => ((long)FooterField(file, 16), (long)FooterField(file, 24));
}
