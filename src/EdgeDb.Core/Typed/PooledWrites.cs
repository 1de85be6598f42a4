using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace EdgeDb.Internal;

/// <summary>
/// Write batches for the generated asynchronous writes, reused so that an awaited put allocates nothing in the steady
/// state: a batch is rented, filled synchronously (where spans may be used), written through the store's group
/// commit and returned once the write completed. For generated repositories: hidden from completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PooledWrites
{
    // Enough for the concurrent writers of a busy service; a batch grown past the cap is left to the GC, not kept.
    private const int MaxPooled = 64;
    private const int MaxPooledCapacity = 64 * 1024;
    private static readonly ConcurrentQueue<WriteBatch> s_pool = new();

    /// <summary>An empty batch.</summary>
    public static WriteBatch Rent() => s_pool.TryDequeue(out var batch) ? batch : new WriteBatch();

    /// <summary>Gives <paramref name="batch"/> back for reuse; the caller must not touch it again.</summary>
    public static void Return(WriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Capacity <= MaxPooledCapacity && s_pool.Count < MaxPooled)
        {
            batch.Clear();
            s_pool.Enqueue(batch);
        }
    }

    /// <summary>Writes <paramref name="batch"/> as <see cref="EdgeStore.WriteAsync"/> does, then returns it to the pool.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask WriteAsync(EdgeStore store, WriteBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(batch);
        }
    }

    /// <summary>Writes <paramref name="batch"/>, returns it to the pool, and completes with <paramref name="result"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<bool> WriteAsync(EdgeStore store, WriteBatch batch, bool result, CancellationToken cancellationToken)
    {
        await WriteAsync(store, batch, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
