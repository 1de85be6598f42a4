using System.Buffers;
using System.Buffers.Binary;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>Encodes and checks the properties block (docs/table-format.md, "Properties block").</summary>
internal static class TablePropertiesCodec
{
    private const int FixedSize = 4 + 1 + 3 + 4 + 4 + (8 * 7);

    public static void Encode(TableProperties properties, ArrayBufferWriter<byte> output)
    {
        var span = output.GetSpan(FixedSize + (2 * Varint.MaxLength) + properties.SmallestKey.Length + properties.LargestKey.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, properties.FormatVersion);
        span[4] = (byte)properties.Compression;
        span[5] = span[6] = span[7] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)properties.BlockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)properties.BloomBitsPerKey);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], (ulong)properties.EntryCount);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], (ulong)properties.DeleteCount);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], (ulong)properties.DistinctKeyCount);
        BinaryPrimitives.WriteUInt64LittleEndian(span[40..], (ulong)properties.DataBlockCount);
        BinaryPrimitives.WriteUInt64LittleEndian(span[48..], properties.MinSequence);
        BinaryPrimitives.WriteUInt64LittleEndian(span[56..], properties.MaxSequence);
        BinaryPrimitives.WriteUInt64LittleEndian(span[64..], (ulong)properties.RawDataSize);
        var at = FixedSize;
        at += WriteKey(span[at..], properties.SmallestKey);
        at += WriteKey(span[at..], properties.LargestKey);
        output.Advance(at);
    }

    /// <summary>Decodes a CRC-checked properties block; any impossible value is corruption.</summary>
    public static TableProperties Decode(ReadOnlySpan<byte> block, long fileSize, string path, long offset)
    {
        if (block.Length < FixedSize)
        {
            throw Corrupt("the properties block is too short", path, offset);
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(block);
        var compression = block[4];
        var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(block[8..]);
        var bloomBits = BinaryPrimitives.ReadUInt32LittleEndian(block[12..]);
        var entries = BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
        var deletes = BinaryPrimitives.ReadUInt64LittleEndian(block[24..]);
        var distinct = BinaryPrimitives.ReadUInt64LittleEndian(block[32..]);
        var blocks = BinaryPrimitives.ReadUInt64LittleEndian(block[40..]);
        var minSequence = BinaryPrimitives.ReadUInt64LittleEndian(block[48..]);
        var maxSequence = BinaryPrimitives.ReadUInt64LittleEndian(block[56..]);
        var rawSize = BinaryPrimitives.ReadUInt64LittleEndian(block[64..]);

        // Counts cannot exceed the bytes in the file: each entry takes several bytes, each block a trailer.
        var plausible = version == TableFormat.FormatVersion
            && compression <= (byte)TableCompression.Zstd
            && block[5] == 0 && block[6] == 0 && block[7] == 0
            && blockSize <= int.MaxValue
            && bloomBits <= 64
            && entries >= 1 && entries <= (ulong)fileSize
            && deletes <= entries
            && distinct >= 1 && distinct <= entries
            && blocks >= 1 && blocks <= entries
            && minSequence <= maxSequence && maxSequence <= InternalKey.MaxSequence
            && rawSize <= long.MaxValue;
        if (!plausible)
        {
            throw Corrupt("the properties block holds impossible values", path, offset);
        }

        var rest = block[FixedSize..];
        var smallest = ReadKey(ref rest, path, offset);
        var largest = ReadKey(ref rest, path, offset);
        if (!rest.IsEmpty || smallest.AsSpan().SequenceCompareTo(largest) > 0)
        {
            throw Corrupt("the properties block has a bad key range or trailing bytes", path, offset);
        }

        return new TableProperties
        {
            FileSize = fileSize,
            FormatVersion = version,
            Compression = (TableCompression)compression,
            BlockSize = (int)blockSize,
            BloomBitsPerKey = (int)bloomBits,
            EntryCount = (long)entries,
            DeleteCount = (long)deletes,
            DistinctKeyCount = (long)distinct,
            DataBlockCount = (long)blocks,
            MinSequence = minSequence,
            MaxSequence = maxSequence,
            RawDataSize = (long)rawSize,
            SmallestKey = smallest,
            LargestKey = largest,
        };
    }

    private static int WriteKey(Span<byte> destination, byte[] key)
    {
        var at = Varint.Write(destination, (uint)key.Length);
        key.CopyTo(destination[at..]);
        return at + key.Length;
    }

    private static byte[] ReadKey(ref ReadOnlySpan<byte> rest, string path, long offset)
    {
        if (!Varint.TryRead(rest, out var length, out var used)
            || length < 1 || length > FormatLimits.MaxKeyLength
            || length > (uint)(rest.Length - used))
        {
            throw Corrupt("the properties block has a bad key length", path, offset);
        }

        var key = rest.Slice(used, (int)length).ToArray();
        rest = rest[(used + (int)length)..];
        return key;
    }

    private static EdgeCorruptionException Corrupt(string what, string path, long offset) =>
        new($"Sorted table '{path}': {what}.", path, offset);
}
