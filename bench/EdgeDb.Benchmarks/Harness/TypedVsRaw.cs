using System.Diagnostics;
using MemoryPack;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// Typed repository put/get against the raw byte API on the same bytes: the raw side writes exactly the key the
/// generated key type encodes and the value MemoryPack serializes, precomputed outside the timed loop, so the
/// difference is what the typed layer costs (key encoding, serialization, deserialization, the entity allocation).
/// </summary>
internal static class TypedVsRaw
{
    private const int PayloadPool = 4096;

    public static BenchItem Item(KeySpace keys, int i)
    {
        Span<byte> key = stackalloc byte[KeySpace.KeySize];
        keys.Key(i, key);
        return new BenchItem(new Guid(key, bigEndian: true), s_payloads[i % PayloadPool]);
    }

    private static readonly byte[][] s_payloads = Enumerable.Range(0, PayloadPool).Select(p =>
    {
        var payload = new byte[100];
        new Random(p).NextBytes(payload);
        return payload;
    }).ToArray();

    /// <summary>Raw: puts then gets of the precomputed bytes, in the fill's random order.</summary>
    public static IEnumerable<(string Workload, long Done, double Seconds)> Raw(EdgeStore store, KeySpace keys, TimeSpan cap)
    {
        var count = keys.Count;
        var first = Encode(Item(keys, 0));
        int keyLength = first.Key.Length, valueLength = first.Value.Length;
        var flatKeys = new byte[(long)count * keyLength];
        var flatValues = new byte[(long)count * valueLength];
        for (var i = 0; i < count; i++)
        {
            var (key, value) = Encode(Item(keys, i));
            if (key.Length != keyLength || value.Length != valueLength)
            {
                throw new InvalidOperationException("The typed model's encodings are meant to be of fixed length.");
            }

            key.CopyTo(flatKeys.AsSpan(i * keyLength));
            value.CopyTo(flatValues.AsSpan(i * valueLength));
        }

        var order = keys.Permutation;
        var put = Timed("rawput", count, cap, i =>
        {
            var at = order[i];
            store.Put(flatKeys.AsSpan(at * keyLength, keyLength), flatValues.AsSpan(at * valueLength, valueLength));
        });
        yield return put;

        // Gets read what the puts wrote (all of it, unless the time cap stopped them).
        yield return Timed("rawget", (int)put.Item2, cap, i =>
        {
            if (!store.TryGet(flatKeys.AsSpan(order[i] * keyLength, keyLength), out _))
            {
                throw new InvalidOperationException("rawget missed a key it wrote");
            }
        });
    }

    /// <summary>Typed: the same entities through the generated repository.</summary>
    public static IEnumerable<(string Workload, long Done, double Seconds)> Typed(EdgeStore store, KeySpace keys, TimeSpan cap)
    {
        var repository = new BenchItemRepository(store);
        var items = new BenchItem[keys.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item(keys, i);
        }

        var order = keys.Permutation;
        var put = Timed("typedput", items.Length, cap, i => repository.Put(items[order[i]]));
        yield return put;
        yield return Timed("typedget", (int)put.Item2, cap, i =>
        {
            if (!repository.TryGet(items[order[i]].Id, out _))
            {
                throw new InvalidOperationException("typedget missed a key it wrote");
            }
        });
    }

    private static (byte[] Key, byte[] Value) Encode(BenchItem item)
    {
        var key = new byte[BenchItemKey.MaxEncodedLength];
        var length = BenchItemKey.Of(item).Encode(key);
        return (key[..length], MemoryPackSerializer.Serialize(item));
    }

    private static (string, long, double) Timed(string name, int count, TimeSpan cap, Action<int> op)
    {
        var capTicks = (long)(cap.TotalSeconds * Stopwatch.Frequency);
        var begin = Stopwatch.GetTimestamp();
        var i = 0;
        while (i < count)
        {
            op(i++);
            if ((i & 255) == 0 && Stopwatch.GetTimestamp() - begin > capTicks)
            {
                break;
            }
        }

        return (name, i, Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }
}
