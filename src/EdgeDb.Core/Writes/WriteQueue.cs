namespace EdgeDb.Writes;

/// <summary>One caller's request waiting in the <see cref="WriteQueue"/>.</summary>
internal sealed class PendingWrite
{
    /// <summary>The batch to commit; null for an exclusive action (closing the store).</summary>
    public WriteBatch? Batch { get; init; }

    /// <summary>Run alone, with no group around it, when <see cref="Batch"/> is null.</summary>
    public Action? Exclusive { get; init; }

    /// <summary>Set by the leader: why this write failed, or null once it succeeded.</summary>
    public Exception? Error { get; set; }

    public bool Done { get; set; }
}

/// <summary>
/// Group commit. Writers queue; the one at the head becomes the leader, takes every batch queued behind it
/// (up to <see cref="MaxGroupBytes"/>), commits them together with one WAL write (and one fsync), and wakes
/// the rest. While a leader commits, new writers gather into the next group, which is how concurrent
/// <see cref="Durability.Synced"/> writers come to share fsyncs. Only a leader ever touches the WAL writer and
/// the MemTable, so both have exactly one writer at a time.
/// </summary>
internal sealed class WriteQueue
{
    /// <summary>The most batch bytes one group commits, bounding the latency a leader adds to its own write.</summary>
    internal const int MaxGroupBytes = 1024 * 1024;

    private readonly object _gate = new();
    private readonly Queue<PendingWrite> _queue = new();
    private readonly Action<List<PendingWrite>> _commitGroup;
    private readonly List<PendingWrite> _group = new();
    private bool _leaderActive;

    /// <param name="commitGroup">Commits a group; sets <see cref="PendingWrite.Error"/> on the writes that fail.</param>
    public WriteQueue(Action<List<PendingWrite>> commitGroup) => _commitGroup = commitGroup;

    /// <summary>Queues <paramref name="write"/> and returns once it is committed, or throws why it was not.</summary>
    public void Submit(PendingWrite write)
    {
        List<PendingWrite> group;
        lock (_gate)
        {
            _queue.Enqueue(write);
            while (!write.Done && (_leaderActive || !ReferenceEquals(_queue.Peek(), write)))
            {
                Monitor.Wait(_gate);
            }

            if (write.Done)
            {
                ThrowIfFailed(write);
                return;
            }

            _leaderActive = true;
            group = TakeGroup();
        }

        try
        {
            if (write.Batch is null)
            {
                write.Exclusive!();
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
        finally
        {
            lock (_gate)
            {
                foreach (var member in group)
                {
                    member.Done = true;
                }

                _leaderActive = false;
                Monitor.PulseAll(_gate);
            }
        }

        ThrowIfFailed(write);
    }

    private List<PendingWrite> TakeGroup()
    {
        // The leader reuses one list: only a leader builds a group and it is done with it before the next leads.
        var group = _group;
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
            case ObjectDisposedException disposed:
                throw new ObjectDisposedException(disposed.ObjectName);
            default:
                throw new EdgeDbException("The write failed: " + error.Message, error);
        }
    }
}
