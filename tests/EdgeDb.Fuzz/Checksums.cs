using System.Buffers.Binary;
using EdgeDb.Tables;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Fuzz;

/// <summary>
/// The structure-aware half of the mutator: after a mutation, recompute every checksum the file's structure still
/// reaches, so the fuzzer tests what lies behind the CRCs (lengths, counts, orders, compressed streams) instead of
/// being stopped by the first one.
/// </summary>
internal static class Checksums
{
    /// <summary>WAL: the segment header's CRC, then each record's payload and header CRCs while the lengths fit.</summary>
    public static void RepairSegment(byte[] file)
    {
        if (file.Length < WalFormat.SegmentHeaderSize)
        {
            return;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), Crc32C.Compute(file.AsSpan(0, 28)));
        long at = WalFormat.SegmentHeaderSize;
        while (file.Length - at >= WalFormat.RecordHeaderSize)
        {
            var header = file.AsSpan((int)at, WalFormat.RecordHeaderSize);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (length > file.Length - at - WalFormat.RecordHeaderSize)
            {
                return;
            }

            var payload = file.AsSpan((int)at + WalFormat.RecordHeaderSize, (int)length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], Crc32C.Compute(payload));
            BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32C.Compute(header[4..]));
            at += WalFormat.RecordHeaderSize + length;
        }
    }

    /// <summary>Manifest: the CRC of everything before its last four bytes.</summary>
    public static void RepairManifest(byte[] file)
    {
        if (file.Length >= 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32C.Compute(file.AsSpan(0, file.Length - 4)));
        }
    }

    /// <summary>Table: the footer's CRC, the trailers of the blocks it points at, and of every data block the index names.</summary>
    public static void RepairTable(byte[] file)
    {
        if (file.Length < TableFormat.FooterSize)
        {
            return;
        }

        var footer = file.AsSpan(file.Length - TableFormat.FooterSize, TableFormat.FooterSize);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[52..], Crc32C.Compute(footer[..52]));
        var dataEnd = file.Length - TableFormat.FooterSize;
        ResealBlock(file, BinaryPrimitives.ReadUInt64LittleEndian(footer), BinaryPrimitives.ReadUInt64LittleEndian(footer[8..]), dataEnd);
        ResealBlock(file, BinaryPrimitives.ReadUInt64LittleEndian(footer[16..]), BinaryPrimitives.ReadUInt64LittleEndian(footer[24..]), dataEnd);
        var indexOffset = BinaryPrimitives.ReadUInt64LittleEndian(footer[32..]);
        var indexSize = BinaryPrimitives.ReadUInt64LittleEndian(footer[40..]);
        if (!ResealBlock(file, indexOffset, indexSize, dataEnd))
        {
            return;
        }

        var cursor = new BlockCursor();
        try
        {
            cursor.Reset(new Block(file.AsSpan((int)indexOffset, (int)indexSize).ToArray(), (int)indexSize, "fuzz", (long)indexOffset));
            for (var more = cursor.SeekToFirst(); more; more = cursor.MoveNext())
            {
                if (cursor.ValueSpan.Length == TableFormat.HandleSize)
                {
                    ResealBlock(file, BinaryPrimitives.ReadUInt64LittleEndian(cursor.ValueSpan), BinaryPrimitives.ReadUInt32LittleEndian(cursor.ValueSpan[8..]), dataEnd);
                }
            }
        }
        catch (EdgeCorruptionException)
        {
            // The index itself no longer parses: what was resealed so far is all the structure reaches.
        }
        finally
        {
            cursor.Release();
        }
    }

    private static bool ResealBlock(byte[] file, ulong offset, ulong size, long end)
    {
        if (size == 0 || offset > (ulong)end || size + TableFormat.TrailerSize > (ulong)end - offset)
        {
            return false;
        }

        var covered = file.AsSpan((int)offset, (int)size + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)(offset + size + 1)), Crc32C.Compute(covered));
        return true;
    }
}
