using System.Collections.Concurrent;
using EdgeDb.Writes;

namespace EdgeDb.Tests.Writes;

/// <summary>The group commit on its own: who leads, what a group holds, how failures reach their writers.</summary>
public sealed class WriteQueueTests
{
    [Fact]
    public void A_lone_writer_leads_and_commits_its_own_write_in_a_group_of_one()
    {
        var groups = new List<int>();
        var queue = new WriteQueue(group => groups.Add(group.Count), gather: false);

        queue.Submit(new PendingWrite().Reset(Batch(10)));
        queue.Submit(new PendingWrite().Reset(Batch(10)));

        Assert.Equal([1, 1], groups);
        Assert.Equal(2, queue.GroupCount);
    }

    [Fact]
    public void Concurrent_writers_are_each_committed_once_and_share_groups()
    {
        var committed = new ConcurrentBag<WriteBatch>();
        var maxGroup = 0;
        var queue = new WriteQueue(
            group =>
            {
                maxGroup = Math.Max(maxGroup, group.Count);
                foreach (var write in group)
                {
                    committed.Add(write.Batch!);
                }

                // A slow commit, as a sync is: the writers arriving meanwhile form the next group.
                Thread.Sleep(2);
            },
            gather: false);
        var batches = Enumerable.Range(0, 8 * 50).Select(_ => Batch(16)).ToArray();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            var write = new PendingWrite();
            for (var i = 0; i < 50; i++)
            {
                queue.Submit(write.Reset(batches[(thread * 50) + i]));
                write.Release();
            }
        });

        Assert.Equal(batches.Length, committed.Count);
        Assert.Equal(batches.Length, committed.Distinct().Count());
        Assert.True(queue.GroupCount < batches.Length, $"{queue.GroupCount} groups for {batches.Length} writes: nothing was shared");
        Assert.True(maxGroup > 1);
    }

    [Fact]
    public async Task A_group_holds_at_most_MaxGroupBytes_unless_one_batch_is_larger_alone()
    {
        var sizes = new ConcurrentQueue<long>();
        var release = new ManualResetEventSlim();
        var queue = new WriteQueue(
            group =>
            {
                sizes.Enqueue(group.Sum(w => (long)w.Batch!.EncodedSize));
                release.Wait(TestContext.Current.CancellationToken);
            },
            gather: false);

        // The first writer leads and blocks in its commit while the rest queue up behind it.
        var first = Task.Run(() => queue.Submit(new PendingWrite().Reset(Batch(100))), TestContext.Current.CancellationToken);
        SpinWait.SpinUntil(() => !sizes.IsEmpty);
        var big = Batch(WriteQueue.MaxGroupBytes + 1000);
        var writers = new[] { Batch(400 * 1024), Batch(400 * 1024), Batch(400 * 1024), big, Batch(10) }
            .Select(batch => Task.Run(() => queue.Submit(new PendingWrite().Reset(batch)), TestContext.Current.CancellationToken))
            .ToList();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        release.Set();
        await Task.WhenAll([first, .. writers]);

        Assert.All(sizes, size => Assert.True(size <= WriteQueue.MaxGroupBytes || size == big.EncodedSize, $"a group of {size} bytes"));
        Assert.Contains(big.EncodedSize, sizes);
    }

    [Fact]
    public async Task An_exclusive_action_runs_alone_between_groups()
    {
        var inCommit = 0;
        var overlaps = 0;
        var queue = new WriteQueue(
            _ =>
            {
                Interlocked.Increment(ref inCommit);
                Thread.Sleep(1);
                Interlocked.Decrement(ref inCommit);
            },
            gather: false);
        var exclusiveRuns = 0;

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(
            () =>
            {
                var write = new PendingWrite();
                for (var i = 0; i < 30; i++)
                {
                    queue.Submit(write.Reset(Batch(8)));
                }
            },
            TestContext.Current.CancellationToken)).ToList();
        for (var i = 0; i < 10; i++)
        {
            queue.Submit(new PendingWrite().ResetExclusive(() =>
            {
                overlaps += Volatile.Read(ref inCommit);
                exclusiveRuns++;
            }));
        }

        await Task.WhenAll(writers);
        Assert.Equal(10, exclusiveRuns);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void A_failed_write_throws_to_its_own_writer_only()
    {
        var failing = Batch(8);
        var queue = new WriteQueue(
            group =>
            {
                foreach (var write in group.Where(w => ReferenceEquals(w.Batch, failing)))
                {
                    write.Error = new EdgeStoreFailedException("disk full", new IOException("ENOSPC"));
                }
            },
            gather: false);

        queue.Submit(new PendingWrite().Reset(Batch(8)));
        var error = Assert.Throws<EdgeStoreFailedException>(() => queue.Submit(new PendingWrite().Reset(failing)));
        queue.Submit(new PendingWrite().Reset(Batch(8)));

        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public void An_exception_from_the_commit_fails_every_member_of_the_group_and_the_queue_goes_on()
    {
        var calls = 0;
        var queue = new WriteQueue(
            _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("commit broke");
                }
            },
            gather: false);

        var error = Assert.Throws<EdgeDbException>(() => queue.Submit(new PendingWrite().Reset(Batch(8))));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        queue.Submit(new PendingWrite().Reset(Batch(8)));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_gathering_queue_commits_everything_it_is_given()
    {
        var committed = 0;
        var queue = new WriteQueue(group => Interlocked.Add(ref committed, group.Count), gather: true);

        Parallel.For(0, 4, _ =>
        {
            var write = new PendingWrite();
            for (var i = 0; i < 100; i++)
            {
                queue.Submit(write.Reset(Batch(8)));
            }
        });

        Assert.Equal(400, committed);
    }

    private static WriteBatch Batch(int valueBytes)
    {
        var batch = new WriteBatch();
        batch.Put("k"u8, new byte[valueBytes]);
        return batch;
    }
}
