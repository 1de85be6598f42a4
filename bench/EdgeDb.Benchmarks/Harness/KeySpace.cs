using System.Buffers.Binary;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The keys and values of a run, the same for every store. Key i is 16 bytes: i big-endian (so fillseq writes in
/// key order), then 8 bytes mixed from i (so keys do not share long zero runs). A missing key has the same first
/// 8 bytes as a present one and a different tail: it falls inside the key range, so bloom filters, not range checks,
/// have to reject it. Values are 100-byte windows of one random buffer (incompressible, no per-op RNG cost).
/// </summary>
internal sealed class KeySpace
{
    public const int KeySize = 16;
    private const ulong MissingTag = 0x5A5A_5A5A_5A5A_5A5A;
    private readonly byte[] _valueSource;

    public KeySpace(int count, int valueSize, int seed)
    {
        Count = count;
        ValueSize = valueSize;
        _valueSource = new byte[1 << 20];
        new Random(seed).NextBytes(_valueSource);
        Permutation = Shuffled(count, new Random(seed + 1));
    }

    public int Count { get; }

    public int ValueSize { get; }

    /// <summary>A random order of 0..Count-1: fillrandom writes in it, so every key is written exactly once.</summary>
    public int[] Permutation { get; }

    public void Key(long i, Span<byte> key)
    {
        BinaryPrimitives.WriteUInt64BigEndian(key, (ulong)i);
        BinaryPrimitives.WriteUInt64BigEndian(key[8..], Mix((ulong)i));
    }

    public void MissingKey(long i, Span<byte> key)
    {
        BinaryPrimitives.WriteUInt64BigEndian(key, (ulong)i);
        BinaryPrimitives.WriteUInt64BigEndian(key[8..], Mix((ulong)i) ^ MissingTag);
    }

    public ReadOnlySpan<byte> Value(long i) => _valueSource.AsSpan((int)((ulong)(i * 7919) % (ulong)(_valueSource.Length - ValueSize)), ValueSize);

    private static ulong Mix(ulong x)
    {
        // splitmix64 finalizer: cheap, deterministic, well spread.
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private static int[] Shuffled(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }
}
