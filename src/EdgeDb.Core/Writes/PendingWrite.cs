using System.Threading.Tasks.Sources;

namespace EdgeDb.Writes;

/// <summary>
/// One caller's request waiting in the <see cref="WriteQueue"/>, and the place that caller waits until the leader
/// tells it that its write is done or that it leads next: a sleeping thread for a synchronous write, an awaited
/// <see cref="ValueTask{TResult}"/> for an asynchronous one (no thread waits then). Each thread reuses one instance
/// for its synchronous single writes, and asynchronous writes take theirs from a pool, so a put allocates nothing
/// here.
/// </summary>
internal sealed class PendingWrite : IValueTaskSource<bool>
{
    private const int Waiting = 0;
    private const int Finished = 1;
    private const int Leading = 2;

    // Continuations run on the thread pool, never inline on the leader's thread, which has a group to finish.
    private ManualResetValueTaskSourceCore<bool> _completion = new() { RunContinuationsAsynchronously = true };
    private int _state;

    /// <summary>Whether the writer awaits (<see cref="WaitUntilFinishedOrLeadingAsync"/>) rather than sleeps.</summary>
    public bool Awaited { get; private set; }

    /// <summary>A batch this instance owns, for the single puts and deletes of asynchronous writers.</summary>
    public WriteBatch OwnBatch => _ownBatch ??= new WriteBatch();

    private WriteBatch? _ownBatch;

    /// <summary>Empties <see cref="OwnBatch"/> for reuse; drops it when one large write grew it, so the pool does not pin the memory.</summary>
    public void ClearOwnBatch()
    {
        if (_ownBatch is { Capacity: > 64 * 1024 })
        {
            _ownBatch = null;
        }

        _ownBatch?.Clear();
    }

    /// <summary>The batch to commit; null for an exclusive action (closing the store).</summary>
    public WriteBatch? Batch { get; private set; }

    /// <summary>Run alone, with no group around it, when <see cref="Batch"/> is null.</summary>
    public Action? Exclusive { get; private set; }

    /// <summary>Set by the leader: why this write failed, or null once it succeeded.</summary>
    public Exception? Error { get; set; }

    /// <summary>For a transaction's batch: what the leader validates before it writes it.</summary>
    public Transactions.TransactionCheck? Check { get; private set; }

    /// <summary>Prepares the instance for a new write of <paramref name="batch"/> (a transaction's, when <paramref name="check"/> is given).</summary>
    public PendingWrite Reset(WriteBatch batch, Transactions.TransactionCheck? check = null)
    {
        Awaited = false;
        Batch = batch;
        Check = check;
        Exclusive = null;
        Error = null;
        _state = Waiting;
        return this;
    }

    /// <summary>Prepares the instance for an action that must run with no write in flight.</summary>
    public PendingWrite ResetExclusive(Action exclusive)
    {
        Awaited = false;
        Batch = null;
        Check = null;
        Exclusive = exclusive;
        Error = null;
        _state = Waiting;
        return this;
    }

    /// <summary>Drops the references to the caller's batch once the write returned.</summary>
    public void Release()
    {
        Batch = null;
        Check = null;
        Exclusive = null;
        Error = null;
    }

    /// <summary>Prepares the instance for a write whose writer awaits it instead of sleeping.</summary>
    public PendingWrite ResetAwaited(WriteBatch batch, Transactions.TransactionCheck? check = null)
    {
        Reset(batch, check);
        Awaited = true;
        _completion.Reset();
        return this;
    }

    /// <summary>Completes when the leader finished this write (true) or handed this writer the lead (false).</summary>
    public ValueTask<bool> WaitUntilFinishedOrLeadingAsync() => new(this, _completion.Version);

    bool IValueTaskSource<bool>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _completion.OnCompleted(continuation, state, token, flags);

    /// <summary>Sleeps until the leader finished this write (true) or handed this writer the lead (false).</summary>
    public bool WaitUntilFinishedOrLeading()
    {
        lock (this)
        {
            while (_state == Waiting)
            {
                Monitor.Wait(this);
            }

            return _state == Finished;
        }
    }

    /// <summary>Wakes the writer: its write is committed (or failed, see <see cref="Error"/>).</summary>
    public void SignalFinished() => Signal(Finished);

    /// <summary>Wakes the writer to lead the next group.</summary>
    public void SignalLeading() => Signal(Leading);

    private void Signal(int state)
    {
        if (Awaited)
        {
            // The completion publishes every field the leader set before the continuation reads them.
            _state = state;
            _completion.SetResult(state == Finished);
            return;
        }

        // The lock orders every field the leader set (Error, the MemTable) before the woken thread reads them.
        lock (this)
        {
            _state = state;
            Monitor.Pulse(this);
        }
    }
}
