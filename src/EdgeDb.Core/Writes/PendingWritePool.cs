using System.Collections.Concurrent;

namespace EdgeDb.Writes;

/// <summary>
/// Queue entries for asynchronous writers, which may have many writes in flight per thread and so cannot reuse a
/// thread's own entry: rented for one write and returned after it, so an awaited put allocates nothing once the
/// pool holds as many entries as writes are in flight.
/// </summary>
internal sealed class PendingWritePool
{
    /// <summary>Entries kept beyond this are left to the garbage collector (a burst of writers should not pin memory).</summary>
    private const int MaxKept = 4096;

    private readonly ConcurrentQueue<PendingWrite> _free = new();

    public PendingWrite Rent() => _free.TryDequeue(out var write) ? write : new PendingWrite();

    public void Return(PendingWrite write)
    {
        write.Release();
        write.ClearOwnBatch();
        if (_free.Count < MaxKept)
        {
            _free.Enqueue(write);
        }
    }
}
