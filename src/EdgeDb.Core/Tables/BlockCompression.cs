using System.Buffers.Binary;
using K4os.Compression.LZ4;
using ZstdSharp;

namespace EdgeDb.Tables;

/// <summary>
/// Compression of data blocks (docs/table-format.md, "Compressed blocks"): the stored form is the u32 raw size
/// followed by an LZ4 raw block or a Zstandard frame.
/// </summary>
internal static class BlockCompression
{
    // Decompression contexts are not thread-safe and costly to create; one per reading thread.
    [ThreadStatic]
    private static Decompressor? t_zstd;

    /// <summary>
    /// Compresses <paramref name="raw"/> into <paramref name="scratch"/> (grown as needed). False, and nothing to
    /// use, when the stored form would not be at least 12.5% smaller than the raw block.
    /// </summary>
    public static bool TryCompress(TableCompression type, ReadOnlySpan<byte> raw, Compressor? zstd, ref byte[] scratch, out int storedLength)
    {
        storedLength = 0;
        var bound = type == TableCompression.Lz4 ? LZ4Codec.MaximumOutputSize(raw.Length) : Compressor.GetCompressBound(raw.Length);
        var needed = TableFormat.CompressedHeaderSize + (long)bound;
        if (needed > Array.MaxLength)
        {
            return false;
        }

        if (scratch.Length < needed)
        {
            scratch = new byte[needed];
        }

        var target = scratch.AsSpan(TableFormat.CompressedHeaderSize, bound);
        var written = type == TableCompression.Lz4 ? LZ4Codec.Encode(raw, target, LZ4Level.L00_FAST) : zstd!.Wrap(raw, target);
        if (written <= 0)
        {
            return false;
        }

        storedLength = TableFormat.CompressedHeaderSize + written;
        if (storedLength > raw.Length - (raw.Length / 8))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)raw.Length);
        return true;
    }

    /// <summary>
    /// The raw size a CRC-checked compressed block records, once it is proven possible: within the format's and the
    /// table's limits, and no more than the compressed stream can produce (its structure walked, nothing decoded).
    /// Only then may a buffer of that size be allocated.
    /// </summary>
    public static int RawLength(TableCompression type, ReadOnlySpan<byte> stored, long maxRawLength, string path, long offset)
    {
        if (stored.Length < TableFormat.CompressedHeaderSize)
        {
            throw Corrupt("is too short for its compression header", path, offset);
        }

        var rawLength = BinaryPrimitives.ReadUInt32LittleEndian(stored);
        if (rawLength < 1 || rawLength > TableFormat.MaxRawBlockSize || rawLength > maxRawLength)
        {
            throw Corrupt($"claims an impossible raw size of {rawLength} bytes (the table holds {maxRawLength} raw bytes in all)", path, offset);
        }

        var stream = stored[TableFormat.CompressedHeaderSize..];
        if (type == TableCompression.Lz4)
        {
            var produced = CompressedLength.Lz4(stream, rawLength);
            if (produced != rawLength)
            {
                throw Corrupt(
                    produced < 0
                        ? $"claims a raw size of {rawLength} bytes, but its LZ4 sequences run past its end"
                        : $"claims a raw size of {rawLength} bytes, but its LZ4 sequences produce {(produced > rawLength ? "more" : produced.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
                    path,
                    offset);
            }
        }
        else
        {
            var bound = CompressedLength.Zstd(stream, rawLength, out var declared);
            if (bound < 0 || bound < rawLength || (declared >= 0 && declared != rawLength))
            {
                throw Corrupt(
                    bound < 0
                        ? $"claims a raw size of {rawLength} bytes, but its Zstandard frame is malformed"
                        : $"claims a raw size of {rawLength} bytes, but its Zstandard frame can produce at most {bound} (and declares {declared})",
                    path,
                    offset);
            }
        }

        return (int)rawLength;
    }

    /// <summary>
    /// Decompresses into exactly <paramref name="raw"/>, whose length is <see cref="RawLength"/>; producing any
    /// other length, or a decoder failure, is corruption.
    /// </summary>
    public static void DecompressTo(TableCompression type, ReadOnlySpan<byte> stored, Span<byte> raw, string path, long offset)
    {
        var source = stored[TableFormat.CompressedHeaderSize..];
        int produced;
        try
        {
            produced = type == TableCompression.Lz4
                ? LZ4Codec.Decode(source, raw)
                : (t_zstd ??= new Decompressor()).Unwrap(source, raw);
        }
        catch (ZstdException e)
        {
            throw new EdgeCorruptionException($"Sorted table '{path}': the block at offset {offset} does not decompress: {e.Message}", path, offset);
        }

        if (produced != raw.Length)
        {
            throw Corrupt("does not decompress to its recorded size", path, offset);
        }
    }

    private static EdgeCorruptionException Corrupt(string what, string path, long offset) =>
        new($"Sorted table '{path}': the block at offset {offset} {what}.", path, offset);
}
