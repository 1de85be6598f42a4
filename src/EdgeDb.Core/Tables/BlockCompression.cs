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

    /// <summary>Decompresses CRC-checked stored bytes; a bad size or a decoder failure is corruption.</summary>
    public static byte[] Decompress(TableCompression type, ReadOnlySpan<byte> stored, string path, long offset)
    {
        var raw = new byte[RawLength(stored, path, offset)];
        DecompressTo(type, stored, raw, path, offset);
        return raw;
    }

    /// <summary>The raw size a CRC-checked compressed block records, checked against the format's limits.</summary>
    public static int RawLength(ReadOnlySpan<byte> stored, string path, long offset)
    {
        if (stored.Length < TableFormat.CompressedHeaderSize)
        {
            throw Corrupt("is too short for its compression header", path, offset);
        }

        var rawLength = BinaryPrimitives.ReadUInt32LittleEndian(stored);
        if (rawLength < 1 || rawLength > TableFormat.MaxRawBlockSize)
        {
            throw Corrupt($"claims an impossible raw size {rawLength}", path, offset);
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
