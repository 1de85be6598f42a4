using System.Buffers.Binary;
using EdgeDb.Writes;
using EdgeDb.Format;

namespace EdgeDb.Wal;

/// <summary>The byte layout of WAL segments and records, exactly as docs/wal-format.md specifies it.</summary>
internal static class WalFormat
{
    public const int SegmentHeaderSize = 32;
    public const int RecordHeaderSize = 24;

    public const ushort FormatVersion = 1;
    public const byte BatchRecordType = 1;
    public const int MinPayloadLength = BatchPayload.CountSize;

    /// <summary>How far ahead of its records a preallocating writer keeps a segment zero-filled, and the step it extends by.</summary>
    public const int PreallocationStep = 1024 * 1024;

    /// <summary>A source of zero bytes for preallocation (written, never modified).</summary>
    internal static readonly byte[] Zeros = new byte[64 * 1024];

    /// <summary>"EDGEWAL\n".</summary>
    public static ReadOnlySpan<byte> Magic => "EDGEWAL\n"u8;

    public static void WriteSegmentHeader(Span<byte> destination, ulong segmentNumber)
    {
        var header = destination[..SegmentHeaderSize];
        header.Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], SegmentHeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], segmentNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], Crc32C.Compute(header[..28]));
    }

    /// <summary>Null when the header is valid for that segment number, else what is wrong with it.</summary>
    public static string? ValidateSegmentHeader(ReadOnlySpan<byte> header, ulong expectedNumber)
    {
        if (header.Length < SegmentHeaderSize)
        {
            return $"the segment is {header.Length} bytes, shorter than its {SegmentHeaderSize}-byte header";
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[28..]) != Crc32C.Compute(header[..28]))
        {
            return "the segment header fails its CRC";
        }

        if (!header[..8].SequenceEqual(Magic))
        {
            return "the segment header has the wrong magic";
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != FormatVersion || BinaryPrimitives.ReadUInt16LittleEndian(header[10..]) != SegmentHeaderSize)
        {
            return $"the segment has format version {version}; this build reads version {FormatVersion}";
        }

        var number = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        return number == expectedNumber ? null : $"the segment header names segment {number}, not {expectedNumber}";
    }

    public static void WriteRecordHeader(Span<byte> destination, ulong firstSequence, ReadOnlySpan<byte> payload)
    {
        var header = destination[..RecordHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], Crc32C.Compute(payload));
        header[20] = BatchRecordType;
        header[21] = 0;
        header[22] = 0;
        header[23] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32C.Compute(header[4..]));
    }
}

/// <summary>A record header whose CRC holds, decoded.</summary>
internal readonly record struct RecordHeader(uint PayloadLength, ulong FirstSequence, uint PayloadCrc, byte Type, bool ReservedClear)
{
    /// <summary>Decodes 24 header bytes; false when the header CRC fails.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out RecordHeader header)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Crc32C.Compute(bytes[4..WalFormat.RecordHeaderSize]))
        {
            header = default;
            return false;
        }

        header = new RecordHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]),
            bytes[20],
            bytes[21] == 0 && bytes[22] == 0 && bytes[23] == 0);
        return true;
    }

    /// <summary>Null when every field holds a value a writer could have written, else what is impossible.</summary>
    public string? ImpossibleValue()
    {
        if (PayloadLength < WalFormat.MinPayloadLength || PayloadLength > FormatLimits.MaxBatchLength)
        {
            return $"a record header claims a payload of {PayloadLength} bytes (allowed: {WalFormat.MinPayloadLength} to {FormatLimits.MaxBatchLength})";
        }

        if (Type != WalFormat.BatchRecordType)
        {
            return $"a record has unknown type {Type}";
        }

        if (!ReservedClear)
        {
            return "a record header has non-zero reserved bytes";
        }

        return FirstSequence == 0 ? "a record has sequence number 0" : null;
    }
}
