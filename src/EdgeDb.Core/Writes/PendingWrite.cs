namespace EdgeDb.Writes;

/// <summary>
/// One caller's request waiting in the <see cref="WriteQueue"/>, and the place that caller sleeps until the
/// leader tells it that its write is done or that it leads next. Each thread reuses one instance for its
/// single writes, so a put allocates nothing here.
/// </summary>
internal sealed class PendingWrite
{
    private const int Waiting = 0;
    private const int Finished = 1;
    private const int Leading = 2;

    private int _state;

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
        // The lock orders every field the leader set (Error, the MemTable) before the woken thread reads them.
        lock (this)
        {
            _state = state;
            Monitor.Pulse(this);
        }
    }
}
