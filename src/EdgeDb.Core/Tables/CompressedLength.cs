using System.Buffers.Binary;

namespace EdgeDb.Tables;

/// <summary>
/// How many bytes a compressed block's stream can really produce, found by walking its structure without
/// decoding it, so that a raw-size field that lies (with a CRC to match) is refused before anything of that size
/// is allocated (docs/table-format.md, "Compressed blocks"). The walk reads lengths only; the decoder still
/// checks everything else.
/// </summary>
internal static class CompressedLength
{
    /// <summary>
    /// The exact length an LZ4 raw block decodes to, or -1 when its sequences run past the end. Stops counting once
    /// past <paramref name="limit"/> (the caller only needs to know it is too much).
    /// </summary>
    public static long Lz4(ReadOnlySpan<byte> block, long limit)
    {
        long produced = 0;
        var at = 0;
        while (at < block.Length)
        {
            var token = block[at++];
            long literals = token >> 4;
            if (literals == 15 && !TryReadLength(block, ref at, ref literals))
            {
                return -1;
            }

            if (literals > block.Length - at)
            {
                return -1;
            }

            at += (int)literals;
            produced += literals;
            if (at == block.Length)
            {
                // The last sequence is literals only.
                return produced;
            }

            if (block.Length - at < 2)
            {
                return -1;
            }

            at += 2;
            long match = token & 15;
            if (match == 15 && !TryReadLength(block, ref at, ref match))
            {
                return -1;
            }

            produced += match + 4;
            if (produced > limit)
            {
                return produced;
            }
        }

        // A block must end with a literals-only sequence.
        return -1;
    }

    /// <summary>
    /// An upper bound on what one Zstandard frame decodes to (raw and RLE blocks exactly, compressed blocks at most
    /// the 128 KiB a block may regenerate), or -1 when the frame is malformed. When the frame header records its
    /// content size, <paramref name="declared"/> gets it.
    /// </summary>
    public static long Zstd(ReadOnlySpan<byte> frame, long limit, out long declared)
    {
        const uint magic = 0xFD2FB528;
        const int maxBlockOutput = 128 * 1024;
        declared = -1;
        if (frame.Length < 5 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != magic)
        {
            return -1;
        }

        var descriptor = frame[4];
        var contentSizeFlag = descriptor >> 6;
        var singleSegment = (descriptor & 0x20) != 0;
        var hasChecksum = (descriptor & 0x04) != 0;
        var dictionaryIdFlag = descriptor & 0x03;
        if ((descriptor & 0x08) != 0)
        {
            return -1; // the reserved bit
        }

        var at = 5 + (singleSegment ? 0 : 1) + dictionaryIdFlag switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var contentSizeBytes = contentSizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (frame.Length - at < contentSizeBytes)
        {
            return -1;
        }

        var field = frame.Slice(at, contentSizeBytes);
        declared = contentSizeBytes switch
        {
            0 => -1,
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256L,
            4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
            _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue),
        };
        at += contentSizeBytes;

        long bound = 0;
        while (true)
        {
            if (frame.Length - at < 3)
            {
                return -1;
            }

            var header = frame[at] | (frame[at + 1] << 8) | (frame[at + 2] << 16);
            at += 3;
            var last = (header & 1) != 0;
            var type = (header >> 1) & 3;
            var size = header >> 3;
            switch (type)
            {
                case 0: // raw: size bytes, copied
                    if (size > frame.Length - at)
                    {
                        return -1;
                    }

                    at += size;
                    bound += size;
                    break;
                case 1: // RLE: one byte, repeated size times
                    if (frame.Length - at < 1 || size > maxBlockOutput)
                    {
                        return -1;
                    }

                    at += 1;
                    bound += size;
                    break;
                case 2: // compressed: size bytes in, at most a block's maximum out
                    if (size > frame.Length - at || size > maxBlockOutput)
                    {
                        return -1;
                    }

                    at += size;
                    bound += maxBlockOutput;
                    break;
                default:
                    return -1;
            }

            if (bound > limit && !last)
            {
                return bound;
            }

            if (last)
            {
                break;
            }
        }

        return frame.Length - at == (hasChecksum ? 4 : 0) ? bound : -1;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> block, ref int at, ref long length)
    {
        byte next;
        do
        {
            if (at >= block.Length)
            {
                return false;
            }

            next = block[at++];
            length += next;
        }
        while (next == 255);
        return true;
    }
}
