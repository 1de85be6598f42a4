using System.Buffers.Binary;
using System.Text;

namespace EdgeDb.TestHost;

/// <summary>
/// A deterministic write history for crash tests: batch <c>i</c> is a pure function of (seed, i), so the
/// checker can rebuild the exact state after any prefix of it. Every batch overwrites the marker key
/// <c>~last</c> with <c>i</c>, puts a few keys, and sometimes deletes or overwrites earlier ones, so a lost,
/// reordered or resurrected write shows up as a difference.
/// </summary>
public static class CrashHistory
{
    public static readonly byte[] LastKey = "~last"u8.ToArray();

    public static WriteBatch Build(int seed, long index)
    {
        var batch = new WriteBatch();
        foreach (var (key, value) in Operations(seed, index))
        {
            if (value is null)
            {
                batch.Delete(key);
            }
            else
            {
                batch.Put(key, value);
            }
        }

        return batch;
    }

    /// <summary>Moves <paramref name="state"/> from after batch <paramref name="fromIndex"/> to after batch <paramref name="toIndex"/>.</summary>
    public static void Advance(SortedDictionary<byte[], byte[]> state, int seed, long fromIndex, long toIndex)
    {
        for (var i = fromIndex + 1; i <= toIndex; i++)
        {
            foreach (var (key, value) in Operations(seed, i))
            {
                if (value is null)
                {
                    state.Remove(key);
                }
                else
                {
                    state[key] = value;
                }
            }
        }
    }

    /// <summary>Batch <paramref name="index"/>'s operations in order (a null value is a delete).</summary>
    private static List<(byte[] Key, byte[]? Value)> Operations(int seed, long index)
    {
        var random = new Random(BatchSeed(seed, index));
        var operations = new List<(byte[] Key, byte[]? Value)>();
        var puts = 1 + random.Next(6);
        for (var i = 0; i < puts; i++)
        {
            var key = Key(random.Next(500));
            var value = new byte[8 + random.Next(200)];
            random.NextBytes(value);
            BinaryPrimitives.WriteInt64LittleEndian(value, index);
            operations.Add((key, value));
        }

        if (random.Next(4) == 0)
        {
            operations.Add((Key(random.Next(500)), null));
        }

        var marker = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(marker, index);
        operations.Add((LastKey, marker));
        return operations;
    }

    // Deterministic across processes (HashCode.Combine is randomized per process, so it would not do).
    private static int BatchSeed(int seed, long index) => unchecked((int)((seed * 0x9E3779B1L) ^ (index * 0x85EBCA77L) ^ (index >> 32)));

    private static byte[] Key(int n) => Encoding.ASCII.GetBytes($"k{n:D4}");
}

/// <summary>Bytewise (unsigned lexicographic) order, the store's key order.</summary>
public sealed class ByteArrayComparer : IComparer<byte[]>, IEqualityComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
