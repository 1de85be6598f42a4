using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Async;

/// <summary>Awaitable writes (docs/durability.md, "Asynchronous writes"): the same group commit, no thread per waiter.</summary>
public sealed class AsyncWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Awaited_puts_deletes_and_batches_are_written_and_survive_a_reopen()
    {
        await using (var store = await EdgeStore.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken))
        {
            await store.PutAsync(Of("a"), Of("1"), TestContext.Current.CancellationToken);
            await store.PutAsync(Of("b"), Of("2"), TestContext.Current.CancellationToken);
            await store.DeleteAsync(Of("a"), TestContext.Current.CancellationToken);
            var batch = new WriteBatch();
            batch.Put(Of("c"), Of("3"));
            batch.Put(Of("d"), Of("4"));
            await store.WriteAsync(batch, TestContext.Current.CancellationToken);
            await store.SyncAsync(TestContext.Current.CancellationToken);
        }

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.Equal(["b", "c", "d"], reopened.Scan([], []).Select(e => Text(e.Key)));
    }

    [Fact]
    public async Task Cancellation_before_the_write_is_queued_throws_and_writes_nothing()
    {
        using var store = EdgeStore.Open(_dir.Path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var sequence = store.LastSequence;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.PutAsync(Of("k"), Of("v"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.DeleteAsync(Of("k"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.WriteAsync(new WriteBatch(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await EdgeStore.OpenAsync(_dir.Combine("other"), cancellationToken: cancelled.Token));

        Assert.Equal(sequence, store.LastSequence);
        Assert.False(store.ContainsKey(Of("k")));
    }

    [Fact]
    public async Task A_thousand_awaiting_Synced_writers_share_fsyncs_without_a_thread_each()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced });
        var syncsBefore = store.WalSyncCount;
        var threadsBefore = ThreadPool.ThreadCount;
        var maxThreads = 0;
        using var watch = new CancellationTokenSource();
        var watcher = Task.Run(
            async () =>
            {
                while (!watch.IsCancellationRequested)
                {
                    maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                    await Task.Delay(1);
                }
            },
            TestContext.Current.CancellationToken);

        var writes = Enumerable.Range(0, 1000).Select(i => store.PutAsync(Of($"k{i:D4}"), Of($"v{i}"), TestContext.Current.CancellationToken).AsTask()).ToArray();
        await Task.WhenAll(writes);
        await watch.CancelAsync();
        await watcher;

        var syncs = store.WalSyncCount - syncsBefore;
        Assert.Equal(1000, store.Scan([], []).Count());
        Assert.True(syncs < 200, $"{syncs} fsyncs for 1,000 awaiting writers: they did not share groups");
        Assert.True(maxThreads < threadsBefore + 32, $"the thread pool grew from {threadsBefore} to {maxThreads} threads for 1,000 waiting writes");
        TestContext.Current.TestOutputHelper?.WriteLine($"1,000 awaiting Synced writers: {syncs} fsyncs, thread pool {threadsBefore} -> at most {maxThreads} threads");
    }

    [Fact]
    public async Task An_awaited_put_allocates_no_more_than_a_synchronous_one()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 256L * 1024 * 1024 });
        var key = new byte[16];
        var value = new byte[100];
        var next = 0;
        for (var i = 0; i < 2000; i++)
        {
            BitConverter.TryWriteBytes(key, next++);
            await store.PutAsync(key, value, TestContext.Current.CancellationToken);
            store.Put(key, value);
        }

        // The MemTable's arena grows with the data either way, in slabs of up to 1 MiB: what the async path adds is the
        // difference, taken as the least of three rounds of each so that a slab landing in one round does not count.
        const int Puts = 20_000;
        long synchronous = long.MaxValue, awaited = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Puts; i++)
            {
                BitConverter.TryWriteBytes(key, next++);
                store.Put(key, value);
            }

            synchronous = Math.Min(synchronous, GC.GetAllocatedBytesForCurrentThread() - before);
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Puts; i++)
            {
                BitConverter.TryWriteBytes(key, next++);
                await store.PutAsync(key, value, TestContext.Current.CancellationToken);
            }

            awaited = Math.Min(awaited, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        var extra = (double)(awaited - synchronous) / Puts;
        Assert.True(extra < 8, $"an awaited put allocates {extra:F1} bytes more than a synchronous one ({(double)awaited / Puts:F1} against {(double)synchronous / Puts:F1})");
    }

    [Fact]
    public async Task A_failed_fsync_fails_the_awaited_write_and_the_store_refuses_the_next()
    {
        var counter = new FaultyFileSystem { Record = true };
        using (var probe = EdgeStore.Open(_dir.Combine("probe"), new EdgeStoreOptions { FileSystem = counter, Durability = Durability.Synced }))
        {
            await probe.PutAsync(Of("k"), Of("v"), TestContext.Current.CancellationToken);
        }

        // The first fdatasync after the open's own sync is the put's.
        var syncs = counter.Calls.Where(c => c.Call == FileCall.DataSync).Select(c => c.Number).ToList();
        var files = new FaultyFileSystem { FailAt = syncs[1] };
        using var store = EdgeStore.Open(_dir.Combine("store"), new EdgeStoreOptions { FileSystem = files, Durability = Durability.Synced });

        await Assert.ThrowsAsync<EdgeStoreFailedException>(async () => await store.PutAsync(Of("k"), Of("v"), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<EdgeStoreFailedException>(async () => await store.PutAsync(Of("k2"), Of("v"), TestContext.Current.CancellationToken));
        Assert.Equal(FileCall.DataSync, files.Injected?.Call);
    }

    [Fact]
    public async Task An_awaited_commit_reports_a_conflict_and_writes_nothing()
    {
        using var store = EdgeStore.Open(_dir.Path);
        using var tx = store.BeginTransaction();
        tx.Put(Of("k"), Of("mine"));
        tx.Put(Of("j"), Of("mine"));
        await store.PutAsync(Of("k"), Of("theirs"), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<EdgeTransactionConflictException>(async () => await tx.CommitAsync(TestContext.Current.CancellationToken));
        Assert.False(store.ContainsKey(Of("j")));
    }
}
