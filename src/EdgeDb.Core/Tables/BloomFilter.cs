namespace EdgeDb.Tables;

/// <summary>
/// The table's Bloom filter over distinct user keys (docs/table-format.md, "Filter block"): XXH3-64 of the key,
/// then k probes by double hashing. Tables written now use the blocked layout (every probe of a key inside one
/// 64-byte line, so a lookup costs one cache miss per table, not k); the whole-array layout of older tables is
/// still read. Immutable once built; checked without allocation.
/// </summary>
internal sealed class BloomFilter
{
    public const int MaxProbes = 30;
    public const int MinBytes = 8;

    /// <summary>Bytes in one line of a blocked filter: a cache line.</summary>
    public const int LineBytes = 64;

    /// <summary>Set in the probe-count byte of a blocked filter.</summary>
    private const byte BlockedFlag = 0x80;

    private const int LineBits = LineBytes * 8;

    private readonly byte[] _bits;
    private readonly ulong _bitCount;
    private readonly uint _lineCount;

    private BloomFilter(byte[] bits, int bitBytes, int probes, bool blocked)
    {
        _bits = bits;
        _bitCount = (ulong)bitBytes * 8;
        _lineCount = blocked ? (uint)(bitBytes / LineBytes) : 0;
        Probes = probes;
    }

    public int Probes { get; }

    /// <summary>True for the blocked layout, false for the whole-array layout of older tables.</summary>
    public bool IsBlocked => _lineCount != 0;

    /// <summary>Builds the filter block (bit array then probe-count byte) for the given key hashes.</summary>
    /// <param name="keyHashes">The <see cref="KeyDigest.Hash"/> of each distinct key.</param>
    /// <param name="bitsPerKey">Filter bits per key; sets the size and the probe count.</param>
    /// <param name="blocked">The layout: blocked (what the writer uses) or whole-array (kept to test that old tables read).</param>
    public static byte[] Build(List<ulong> keyHashes, int bitsPerKey, bool blocked = true)
    {
        var bits = Math.Max(64L, (long)keyHashes.Count * bitsPerKey);
        var probes = ProbesFor(bitsPerKey);
        var maxBytes = TableFormat.MaxRawBlockSize - 1;
        var bytes = blocked
            ? (int)Math.Min((bits + LineBits - 1) / LineBits * LineBytes, maxBytes / LineBytes * LineBytes)
            : (int)Math.Min((bits + 7) / 8, maxBytes);
        var block = new byte[bytes + 1];
        if (blocked)
        {
            var lines = (uint)(bytes / LineBytes);
            foreach (var hash in keyHashes)
            {
                var line = block.AsSpan(LineOf(hash, lines) * LineBytes, LineBytes);
                var h = (uint)hash;
                var delta = ProbeStep(h);
                for (var i = 0; i < probes; i++)
                {
                    var bit = h % LineBits;
                    line[(int)(bit >> 3)] |= (byte)(1 << (int)(bit & 7));
                    h += delta;
                }
            }

            block[bytes] = (byte)(BlockedFlag | probes);
            return block;
        }

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

    /// <summary>Wraps a CRC-checked filter block; an impossible size, layout or probe count is corruption.</summary>
    public static BloomFilter Open(byte[] block, int length, string path, long offset)
    {
        if (length < MinBytes + 1)
        {
            throw Corrupt(path, offset);
        }

        var last = block[length - 1];
        var blocked = (last & BlockedFlag) != 0;
        var probes = last & ~BlockedFlag;
        var bitBytes = length - 1;
        if (probes is < 1 or > MaxProbes || (blocked && bitBytes % LineBytes != 0))
        {
            throw Corrupt(path, offset);
        }

        return new BloomFilter(block, bitBytes, probes, blocked);
    }

    /// <summary>False when the key of this <see cref="KeyDigest.Hash"/> is certainly absent; true when it may be present.</summary>
    public bool MayContain(ulong hash)
    {
        if (_lineCount != 0)
        {
            var line = _bits.AsSpan(LineOf(hash, _lineCount) * LineBytes, LineBytes);
            var g = (uint)hash;
            var step = ProbeStep(g);
            for (var i = 0; i < Probes; i++)
            {
                var bit = g % LineBits;
                if ((line[(int)(bit >> 3)] & (1 << (int)(bit & 7))) == 0)
                {
                    return false;
                }

                g += step;
            }

            return true;
        }

        var h = hash;
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

    /// <summary>
    /// The distance between a blocked filter's probes: the low hash rotated by 15, made odd so that the probes, taken
    /// modulo the line's 512 bits, are all distinct (an even step would keep them to one parity).
    /// </summary>
    private static uint ProbeStep(uint h) => ((h >> 17) | (h << 15)) | 1;

    /// <summary>The line of a blocked filter: the hash's high 32 bits scaled to the line count (no division).</summary>
    private static int LineOf(ulong hash, uint lines) => (int)(((hash >> 32) * lines) >> 32);

    private static EdgeCorruptionException Corrupt(string path, long offset) =>
        new($"Sorted table '{path}': the filter block has a bad size, layout or probe count.", path, offset);
}
