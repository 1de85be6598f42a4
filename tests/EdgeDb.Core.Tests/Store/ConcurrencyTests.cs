using System.Buffers.Binary;
using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Readers_never_see_half_a_batch_while_writers_run()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 256L * 1024 * 1024 });
        const int writers = 4;
        const int batchesPerWriter = 1500;
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();

        // Each batch writes the same counter to a pair of keys; a reader that sees different values in one
        // snapshot saw half a batch.
        var writerTasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            var batch = new WriteBatch();
            for (var i = 1; i <= batchesPerWriter; i++)
            {
                batch.Clear();
                var value = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(value, i);
                batch.Put(Of($"w{w}/a"), value);
                batch.Put(Of($"w{w}/b"), value);
                batch.Put(Of($"w{w}/n{i:D5}"), value);
                store.Write(batch);
            }
        })).ToArray();

        var readerTasks = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var w = 0; w < writers; w++)
                {
                    var pair = store.ScanPrefix(Of($"w{w}/")).Take(2).Select(e => BinaryPrimitives.ReadInt64LittleEndian(e.Value.Span)).ToArray();
                    var rows = store.ScanPrefix(Of($"w{w}/n")).Count();
                    if (pair.Length == 2 && pair[0] != pair[1])
                    {
                        lock (failures)
                        {
                            failures.Add($"writer {w}: a={pair[0]} b={pair[1]}");
                        }
                    }

                    if (pair.Length == 2 && rows < pair[0])
                    {
                        lock (failures)
                        {
                            failures.Add($"writer {w}: counter {pair[0]} but only {rows} rows");
                        }
                    }
                }
            }
        })).ToArray();

        await Task.WhenAll(writerTasks);
        stop.Cancel();
        await Task.WhenAll(readerTasks);

        Assert.Empty(failures);
        Assert.Equal((ulong)(writers * batchesPerWriter * 3), store.LastSequence);
        for (var w = 0; w < writers; w++)
        {
            Assert.Equal(batchesPerWriter, store.ScanPrefix(Of($"w{w}/n")).Count());
        }
    }

    [Fact]
    public async Task Concurrent_synced_writers_share_fsyncs()
    {
        const int threads = 8;
        const int writesPerThread = 60;
        long syncs;
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced }))
        {
            var before = store.WalSyncCount;
            using var start = new Barrier(threads);
            var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    for (var i = 0; i < writesPerThread; i++)
                    {
                        store.Put(Of($"t{t}/{i:D3}"), new byte[100]);
                    }
                },
                TaskCreationOptions.LongRunning)).ToArray();
            await Task.WhenAll(tasks);
            syncs = store.WalSyncCount - before;
            Assert.Equal(threads * writesPerThread, store.Scan([], []).Count());
        }

        // Every write was synced before it returned, yet far fewer fsyncs than writes were made.
        Assert.InRange(syncs, 1, threads * writesPerThread * 3 / 4);

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.Equal(threads * writesPerThread, reopened.Scan([], []).Count());
    }

    [Fact]
    public void A_single_synced_writer_fsyncs_every_write()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced });
        var before = store.WalSyncCount;
        for (var i = 0; i < 20; i++)
        {
            store.Put(Of($"k{i}"), Of("v"));
        }

        Assert.Equal(20, store.WalSyncCount - before);
    }

    [Fact]
    public async Task Dispose_waits_for_writes_in_flight_and_later_writes_are_refused()
    {
        var store = EdgeStore.Open(_dir.Path);
        var acknowledged = 0;
        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; ; i++)
            {
                try
                {
                    store.Put(Of($"t{t}/{i:D6}"), Of("v"));
                    Interlocked.Increment(ref acknowledged);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        })).ToArray();

        while (Volatile.Read(ref acknowledged) < 2000)
        {
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }

        store.Dispose();
        await Task.WhenAll(writers);

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.Equal(Volatile.Read(ref acknowledged), reopened.Scan([], []).Count());
    }
}
