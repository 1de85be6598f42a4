using System.Diagnostics;
using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The db_bench-style workloads over one adapter. Each timed loop does one store call per operation and checks a
/// time cap every 256 operations: a store that would run past it stops there and its rate is over what it did.
/// </summary>
internal sealed class Workloads(IStoreAdapter store, KeySpace keys, TimeSpan cap)
{
    public const int ScanLength = 100_000;

    /// <summary>How many keys the fill wrote (all, unless the time cap stopped it): later workloads use these.</summary>
    public int Loaded { get; private set; }

    public (long Done, double Seconds) FillSeq()
    {
        var key = new byte[KeySpace.KeySize];
        var result = Timed(keys.Count, i =>
        {
            keys.Key(i, key);
            store.Put(key, keys.Value(i));
        });
        Loaded = (int)result.Done;
        return result;
    }

    public (long Done, double Seconds) FillRandom()
    {
        var key = new byte[KeySpace.KeySize];
        var order = keys.Permutation;
        var result = Timed(keys.Count, i =>
        {
            keys.Key(order[i], key);
            store.Put(key, keys.Value(i));
        });
        Loaded = (int)result.Done;
        return result;
    }

    public (long Done, double Seconds) Overwrite(int seed)
    {
        var key = new byte[KeySpace.KeySize];
        var random = new Random(seed);
        var order = keys.Permutation;
        return Timed(keys.Count, i =>
        {
            keys.Key(order[random.Next(Loaded)], key);
            store.Put(key, keys.Value(i + 1));
        });
    }

    public (long Done, double Seconds, long Found) ReadRandom(int seed)
    {
        var key = new byte[KeySpace.KeySize];
        var random = new Random(seed);
        var order = keys.Permutation;
        long found = 0;
        var result = Timed(keys.Count, i =>
        {
            keys.Key(order[random.Next(Loaded)], key);
            if (store.TryGet(key, out var _))
            {
                found++;
            }
        });
        return (result.Done, result.Seconds, found);
    }

    public (long Done, double Seconds, long Found) ReadMissing(int seed)
    {
        var key = new byte[KeySpace.KeySize];
        var random = new Random(seed);
        long found = 0;
        var result = Timed(keys.Count, i =>
        {
            keys.MissingKey(random.Next(keys.Count), key);
            if (store.TryGet(key, out var _))
            {
                found++;
            }
        });
        return (result.Done, result.Seconds, found);
    }

    /// <summary>Forward scans of <see cref="ScanLength"/> entries from random keys; the count is entries read.</summary>
    public (long Done, double Seconds) Scan(int scans, int seed)
    {
        var key = new byte[KeySpace.KeySize];
        var random = new Random(seed);
        var length = Math.Min(ScanLength, keys.Count);
        long entries = 0;
        var clock = Stopwatch.StartNew();
        for (var s = 0; s < scans && clock.Elapsed < cap; s++)
        {
            keys.Key(random.Next(Math.Max(1, keys.Count - length)), key);
            entries += store.Scan(key, length);
        }

        return (entries, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Deletes every loaded key once, in an order unrelated to the fill's (a stride through the permutation).</summary>
    public (long Done, double Seconds) DeleteRandom()
    {
        var key = new byte[KeySpace.KeySize];
        var order = keys.Permutation;
        var loaded = Loaded;
        var stride = CoprimeStride(loaded);
        return Timed(loaded, i =>
        {
            keys.Key(order[(int)(i * stride % loaded)], key);
            store.Delete(key);
        });
    }

    /// <summary><paramref name="threads"/> writers share <paramref name="ops"/> puts of random keys.</summary>
    public (long Done, double Seconds) ConcurrentPuts(int ops, int threads)
    {
        var order = keys.Permutation;
        long done = 0;
        var stop = false;
        var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        for (var t = 0; t < threads; t++)
        {
            var first = (long)ops * t / threads;
            var end = (long)ops * (t + 1) / threads;
            workers[t] = new Thread(() =>
            {
                var key = new byte[KeySpace.KeySize];
                start.SignalAndWait();
                long mine = 0;
                for (var i = first; i < end && !Volatile.Read(ref stop); i++)
                {
                    keys.Key(order[i % order.Length], key);
                    store.Put(key, keys.Value(i));
                    mine++;
                }

                Interlocked.Add(ref done, mine);
            }) { IsBackground = true };
            workers[t].Start();
        }

        start.SignalAndWait();
        var clock = Stopwatch.StartNew();
        foreach (var worker in workers)
        {
            var left = cap - clock.Elapsed;
            if (left <= TimeSpan.Zero || !worker.Join(left))
            {
                break;
            }
        }

        // Past the cap the writers stop after their current write; the rate is over what they did.
        Volatile.Write(ref stop, true);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        return (Interlocked.Read(ref done), clock.Elapsed.TotalSeconds);
    }

    private (long Done, double Seconds) Timed(long ops, Action<long> op)
    {
        var capTicks = (long)(cap.TotalSeconds * Stopwatch.Frequency);
        var begin = Stopwatch.GetTimestamp();
        long i = 0;
        for (; i < ops; i++)
        {
            op(i);
            if ((i & 255) == 255 && Stopwatch.GetTimestamp() - begin > capTicks)
            {
                i++;
                break;
            }
        }

        return (i, Stopwatch.GetElapsedTime(begin).TotalSeconds);
    }

    private static long CoprimeStride(int count)
    {
        long stride = 1_000_003;
        while (count > 1 && Gcd(stride, count) != 1)
        {
            stride += 2;
        }

        return stride;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
