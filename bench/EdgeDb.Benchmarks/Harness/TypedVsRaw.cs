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

    /// <summary>A timed loop of one side: a put over every item, or a get over every item the put wrote.</summary>
    public sealed record Step(string Workload, Action<int> Op, bool ReadsWhatWasPut);

    /// <summary>Raw: puts then gets of the precomputed bytes, in the fill's random order. The setup runs here, untimed.</summary>
    /// <summary>The raw side's put, into a store of its own: raw and typed puts each fill a fresh store.</summary>
    public static List<Step> Raw(EdgeStore store, KeySpace keys)
    {
        var (flatKeys, keyLength, flatValues, valueLength) = Flatten(keys);
        var order = keys.Permutation;
        return
        [
            new("rawput", i =>
            {
                var at = order[i];
                store.Put(flatKeys.AsSpan(at * keyLength, keyLength), flatValues.AsSpan(at * valueLength, valueLength));
            }, false),
        ];
    }

    /// <summary>
    /// The typed put into a fresh store, then both gets on that one store, alternating raw, typed, raw, typed: the
    /// two read the same bytes in the same table layout (separate fills leave differently compacted stores, whose
    /// read speed differs by more than the typed layer costs), and neither always reads first. Each get's figure is
    /// over both of its rounds.
    /// </summary>
    public static List<Step> Typed(EdgeStore store, KeySpace keys)
    {
        var repository = new BenchItemRepository(store);
        var items = new BenchItem[keys.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Item(keys, i);
        }

        var (flatKeys, keyLength, _, _) = Flatten(keys);
        var order = keys.Permutation;
        var rawGet = new Step("rawget", i =>
        {
            if (!store.TryGet(flatKeys.AsSpan(order[i] * keyLength, keyLength), out _))
            {
                throw new InvalidOperationException("rawget missed a key the typed put wrote");
            }
        }, true);
        var typedGet = new Step("typedget", i =>
        {
            if (!repository.TryGet(items[order[i]].Id, out _))
            {
                throw new InvalidOperationException("typedget missed a key it wrote");
            }
        }, true);
        return [new("typedput", i => repository.Put(items[order[i]]), false), rawGet, typedGet, rawGet, typedGet];
    }

    /// <summary>Every item's encoded key and value, back to back (all of one length each), as the raw side uses them.</summary>
    private static (byte[] Keys, int KeyLength, byte[] Values, int ValueLength) Flatten(KeySpace keys)
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

        return (flatKeys, keyLength, flatValues, valueLength);
    }

    private static (byte[] Key, byte[] Value) Encode(BenchItem item)
    {
        var key = new byte[BenchItemKey.MaxEncodedLength];
        var length = BenchItemKey.Of(item).Encode(key);
        return (key[..length], MemoryPackSerializer.Serialize(item));
    }

    public static (long Done, double Seconds) Timed(int count, TimeSpan cap, Action<int> op)
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

        return (i, Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }
}
