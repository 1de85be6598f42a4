using System.Diagnostics;

namespace EdgeDb.Writes;

/// <summary>
/// Group commit. Writers queue; the one at the head becomes the leader, takes every batch queued behind it
/// (up to <see cref="MaxGroupBytes"/>), commits them together with one WAL write (and one sync), then wakes
/// exactly the members of its group and the writer now at the head, which leads the next group. While a
/// leader commits, new writers gather into the next group, which is how concurrent
/// <see cref="Durability.Synced"/> writers come to share syncs. Only a leader appends to the WAL and writes the
/// MemTable, so the MemTable has exactly one writer at a time; the WAL writer also takes <c>Sync()</c> calls and
/// the <see cref="Durability.Buffered"/> timer's writes from other threads, which its own lock orders with the
/// leader's (docs/durability.md, "Group commit").
/// </summary>
internal sealed class WriteQueue
{
    /// <summary>The most batch bytes one group commits, bounding the latency a leader adds to its own write.</summary>
    internal const int MaxGroupBytes = 1024 * 1024;

    /// <summary>The longest a leader waits for more writers to join its group, however slow the last sync was.</summary>
    internal static readonly long MaxGatherTicks = Stopwatch.Frequency / 1000;

    private readonly object _gate = new();
    private readonly Queue<PendingWrite> _queue = new();
    private readonly Action<List<PendingWrite>> _commitGroup;
    private readonly bool _gather;

    // Each leading thread builds its group in its own list: the leader still wakes its members after it has
    // handed the lead over, while the next leader builds the next group.
    [ThreadStatic]
    private static List<PendingWrite>? t_group;

    private bool _leaderActive;
    private int _queued;

    // Leader-only state (one leader at a time; handed over under _gate).
    private int _expectedWriters = 1;
    private long _lastCommitTicks;

    /// <param name="commitGroup">Commits a group; sets <see cref="PendingWrite.Error"/> on the writes that fail.</param>
    /// <param name="gather">
    /// Let a leader wait briefly for the writers of the previous group to queue again, so that one sync serves
    /// more of them. Worth it only when each group pays a sync (<see cref="Durability.Synced"/>).
    /// </param>
    public WriteQueue(Action<List<PendingWrite>> commitGroup, bool gather)
    {
        _commitGroup = commitGroup;
        _gather = gather;
    }

    /// <summary>Groups committed so far.</summary>
    public long GroupCount { get; private set; }

    /// <summary>Queues <paramref name="write"/> and returns once it is committed, or throws why it was not.</summary>
    public void Submit(PendingWrite write)
    {
        var leading = Enqueue(write);
        if (!leading && write.WaitUntilFinishedOrLeading())
        {
            ThrowIfFailed(write);
            return;
        }

        Lead(write);
        ThrowIfFailed(write);
    }

    /// <summary>
    /// <see cref="Submit"/> for a writer that awaits: no thread waits while the write is queued. A writer handed the
    /// lead leads on the thread pool. One that finds the queue empty leads at once on its own thread when a commit is
    /// quick (no fsync); when every group pays a sync, it first yields to the thread pool, so that its caller is not
    /// held for an fsync and can queue more writes, which then join its group.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SubmitAsync(PendingWrite write)
    {
        var leading = Enqueue(write);
        if (!leading && await write.WaitUntilFinishedOrLeadingAsync().ConfigureAwait(false))
        {
            ThrowIfFailed(write);
            return;
        }

        if (leading && _gather)
        {
            await Task.Yield();
        }

        Lead(write);
        ThrowIfFailed(write);
    }

    /// <summary>Queues a write; true when its writer is to lead (the queue had no leader).</summary>
    private bool Enqueue(PendingWrite write)
    {
        lock (_gate)
        {
            _queue.Enqueue(write);
            Volatile.Write(ref _queued, _queue.Count);

            // No leader means an empty queue (a finishing leader hands over to the head), so this writer is the head.
            var leading = !_leaderActive;
            _leaderActive = true;
            return leading;
        }
    }

    private void Lead(PendingWrite head)
    {
        var gatherTimedOut = head.Batch is not null && _gather && Gather();

        List<PendingWrite> group;
        lock (_gate)
        {
            group = TakeGroup();
            Volatile.Write(ref _queued, _queue.Count);
        }

        // Only a gathering queue needs the commit's duration; the clock costs a few percent of a small put.
        var started = _gather ? Stopwatch.GetTimestamp() : 0;
        try
        {
            if (head.Batch is null)
            {
                head.Exclusive!();
            }
            else
            {
                _commitGroup(group);
            }
        }
        catch (Exception ex)
        {
            // A failure of the commit itself (rather than of one batch) fails the whole group.
            foreach (var member in group)
            {
                member.Error ??= ex;
            }
        }

        if (_gather)
        {
            _lastCommitTicks = Stopwatch.GetTimestamp() - started;
        }

        GroupCount++;

        PendingWrite? next = null;
        lock (_gate)
        {
            // Writers served now plus writers already waiting: how many are likely to be queued when the next
            // leader starts. A gather that timed out learned that fewer come; its group is the new estimate.
            _expectedWriters = gatherTimedOut ? group.Count : group.Count + _queue.Count;
            if (_queue.Count > 0)
            {
                next = _queue.Peek();
            }
            else
            {
                _leaderActive = false;
            }
        }

        // The next leader first, so the disk is busy again while the others wake.
        next?.SignalLeading();
        foreach (var member in group)
        {
            if (!ReferenceEquals(member, head))
            {
                member.SignalFinished();
            }
        }

        group.Clear();
    }

    /// <summary>
    /// Yields the CPU while fewer writers are queued than the last group suggests will come, for at most half
    /// the last commit's duration: a write that waits that long for company still finishes sooner than one
    /// that misses the sync and waits for the next. Returns true when it gave up waiting.
    /// </summary>
    private bool Gather()
    {
        var expected = _expectedWriters;
        if (expected <= 1 || Volatile.Read(ref _queued) >= expected)
        {
            return false;
        }

        var deadline = Stopwatch.GetTimestamp() + Math.Min(_lastCommitTicks / 2, MaxGatherTicks);
        while (Volatile.Read(ref _queued) < expected)
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return true;
            }

            Thread.Yield();
        }

        return false;
    }

    private List<PendingWrite> TakeGroup()
    {
        var group = t_group ??= new List<PendingWrite>();
        group.Clear();
        var first = _queue.Dequeue();
        group.Add(first);
        if (first.Batch is null)
        {
            return group;
        }

        long bytes = first.Batch.EncodedSize;
        while (_queue.TryPeek(out var next) && next.Batch is not null && bytes + next.Batch.EncodedSize <= MaxGroupBytes)
        {
            group.Add(_queue.Dequeue());
            bytes += next.Batch.EncodedSize;
        }

        return group;
    }

    private static void ThrowIfFailed(PendingWrite write)
    {
        var error = write.Error;
        switch (error)
        {
            case null:
                return;
            case EdgeStoreFailedException failed:
                // Each waiting caller gets its own exception object: one instance thrown on many threads would
                // have its stack trace rewritten under the others.
                throw new EdgeStoreFailedException(failed.Message, failed.InnerException);
            case EdgeTransactionConflictException conflict:
                throw new EdgeTransactionConflictException(conflict.Message, conflict.Key);
            case ObjectDisposedException disposed:
                throw new ObjectDisposedException(disposed.ObjectName);
            default:
                throw new EdgeDbException("The write failed: " + error.Message, error);
        }
    }
}
