using System.IO.Hashing;

namespace EdgeDb.Tables;

/// <summary>
/// The table's Bloom filter over distinct user keys (docs/table-format.md, "Filter block"): XXH3-64 of the key,
/// then k probes by double hashing. Immutable once built; checked without allocation.
/// </summary>
internal sealed class BloomFilter
{
    public const int MaxProbes = 30;
    public const int MinBytes = 8;

    private readonly byte[] _bits;
    private readonly ulong _bitCount;

    private BloomFilter(byte[] bits, int bitBytes, int probes)
    {
        _bits = bits;
        _bitCount = (ulong)bitBytes * 8;
        Probes = probes;
    }

    public int Probes { get; }

    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    /// <summary>Builds the filter block (bit array then probe count) for the given key hashes.</summary>
    public static byte[] Build(List<ulong> keyHashes, int bitsPerKey)
    {
        var bits = Math.Max(64L, (long)keyHashes.Count * bitsPerKey);
        var bytes = (int)Math.Min((bits + 7) / 8, TableFormat.MaxRawBlockSize - 1);
        var probes = ProbesFor(bitsPerKey);
        var block = new byte[bytes + 1];
        var bitCount = (ulong)bytes * 8;
        foreach (var hash in keyHashes)
        {
            var h = hash;
            var delta = (h >> 33) | (h << 31);
            for (var i = 0; i < probes; i++)
            {
                var bit = h % bitCount;
                block[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                h += delta;
            }
        }

        block[bytes] = (byte)probes;
        return block;
    }

    public static int ProbesFor(int bitsPerKey) => Math.Clamp((int)Math.Round(bitsPerKey * Math.Log(2)), 1, MaxProbes);

    /// <summary>Wraps a CRC-checked filter block; an impossible size or probe count is corruption.</summary>
    public static BloomFilter Open(byte[] block, int length, string path, long offset)
    {
        if (length < MinBytes + 1 || block[length - 1] is < 1 or > MaxProbes)
        {
            throw new EdgeCorruptionException($"Sorted table '{path}': the filter block has a bad size or probe count.", path, offset);
        }

        return new BloomFilter(block, length - 1, block[length - 1]);
    }

    /// <summary>False when the key is certainly absent; true when it may be present.</summary>
    public bool MayContain(ReadOnlySpan<byte> key)
    {
        var h = Hash(key);
        var delta = (h >> 33) | (h << 31);
        for (var i = 0; i < Probes; i++)
        {
            var bit = h % _bitCount;
            if ((_bits[bit >> 3] & (1 << (int)(bit & 7))) == 0)
            {
                return false;
            }

            h += delta;
        }

        return true;
    }
}
