using System.Buffers.Binary;
using System.IO.Hashing;

namespace EdgeDb;

/// <summary>
/// The two digests of a stored key that the engine's structures share: one hash (table Bloom filters, the MemTable's
/// filter and hash index) and one order-preserving 8-byte prefix (the MemTable's nodes, a table index's restart
/// points). A point read computes each once and hands it to every structure it asks.
/// </summary>
internal static class KeyDigest
{
    /// <summary>XXH3-64 with seed 0 of the key: the hash docs/table-format.md ("Filter block") specifies.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    /// <summary>
    /// The first 8 bytes of <paramref name="key"/> as a big-endian number, zero-padded: unequal prefixes order two keys
    /// as their bytes do, so most comparisons are one integer compare.
    /// </summary>
    public static ulong Prefix(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(key);
        }

        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        key.CopyTo(padded);
        return BinaryPrimitives.ReadUInt64BigEndian(padded);
    }
}
