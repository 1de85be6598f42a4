using System.Diagnostics.CodeAnalysis;
using EdgeDb.Lsm;

namespace EdgeDb;

/// <summary>
/// A read-only view of an <see cref="EdgeStore"/> at one point in time (<see cref="EdgeStore.GetSnapshot"/>): reads and
/// scans through it see exactly the writes acknowledged before it was taken, while writes, flushes and compactions
/// go on. Dispose it promptly: it keeps that moment's MemTables and table files alive. Thread-safe.
/// </summary>
public sealed class EdgeSnapshot : IDisposable, IReadPoint
{
    private readonly EdgeStore _store;
    private readonly ReadState _state;
    private int _disposed;

    internal EdgeSnapshot(EdgeStore store, ReadState state, ulong sequence)
    {
        _store = store;
        _state = state;
        Sequence = sequence;
    }

    /// <summary>The sequence number of the newest write the snapshot sees.</summary>
    public ulong Sequence { get; }

    /// <summary>Reads the value <paramref name="key"/> had when the snapshot was taken.</summary>
    /// <exception cref="ArgumentException">The key is empty or over the store's <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    /// <exception cref="ObjectDisposedException">The snapshot or its store was disposed.</exception>
    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value) => StoreReads.TryGet(_store, this, key, out value);

    /// <summary>True when a value was stored under <paramref name="key"/> when the snapshot was taken.</summary>
    /// <exception cref="ArgumentException">The key is empty or over the store's <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGet(key, out _);

    /// <summary>The entries in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>) as of the snapshot; empty bounds are open.</summary>
    public EdgeScan Scan(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive)
    {
        ThrowIfDisposed();
        return StoreReads.Scan(_store, this, startInclusive, endExclusive);
    }

    /// <summary>The entries whose key starts with <paramref name="prefix"/>, as of the snapshot.</summary>
    public EdgeScan ScanPrefix(ReadOnlySpan<byte> prefix)
    {
        ThrowIfDisposed();
        return StoreReads.ScanPrefix(_store, this, prefix);
    }

    /// <summary>Releases the MemTables and tables the snapshot kept alive.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _state.Release();
        }
    }

    /// <summary>Another reference on the snapshot's state, for one read or scan.</summary>
    ReadState IReadPoint.AcquireState()
    {
        ThrowIfDisposed();
        _store.ThrowIfDisposed();
        // Fails only when a concurrent Dispose released the last reference after the check above.
        ObjectDisposedException.ThrowIf(!_state.TryAcquire(), this);
        return _state;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
