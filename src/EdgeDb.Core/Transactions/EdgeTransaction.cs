using System.Diagnostics.CodeAnalysis;
using EdgeDb.Format;
using EdgeDb.Lsm;
using EdgeDb.Transactions;

namespace EdgeDb;

/// <summary>
/// One unit of work over any keys of a store, committed all together or not at all (docs/transactions.md):
/// reads see the store as of <see cref="EdgeStore.BeginTransaction"/> plus the transaction's own writes; writes
/// are staged in memory; <see cref="Commit"/> validates that nothing the transaction read or wrote was committed by
/// anyone else meanwhile and writes everything as one WAL record, or throws
/// <see cref="EdgeTransactionConflictException"/> and writes nothing. <see cref="Dispose"/> without a commit rolls
/// back. No lock is held while the transaction is open. Use one transaction from one thread at a time.
/// </summary>
public sealed class EdgeTransaction : IDisposable, IReadPoint
{
    private readonly EdgeStore _store;
    private readonly ReadState _state;
    private readonly StagedWrites _writes = new();
    private readonly HashSet<byte[]> _readKeys = new(KeyEquality.Instance);
    private readonly List<(byte[] Start, byte[]? End)> _ranges = [];
    private bool _finished;
    private int _disposed;

    internal EdgeTransaction(EdgeStore store, ReadState state, ulong sequence)
    {
        _store = store;
        _state = state;
        Sequence = sequence;
    }

    /// <summary>The sequence number of the newest write the transaction's snapshot sees.</summary>
    public ulong Sequence { get; }

    /// <summary>The number of keys the transaction has written so far (each key once, however often it was written).</summary>
    public int WriteCount => _writes.Count;

    /// <summary>Stages a put of <paramref name="value"/> under <paramref name="key"/>; later reads of the transaction see it.</summary>
    /// <exception cref="ArgumentException">The key is empty or over the store's MaxKeySize, or the value over its MaxValueSize.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfNotActive();
        _store.ValidateKey(key);
        _store.ValidateValue(value.Length);
        _writes.Put(key, value);
    }

    /// <summary>Stages a put that expires at <paramref name="expiresAt"/> (docs/lsm.md, "Expiry").</summary>
    /// <exception cref="ArgumentException">The key is empty or over the store's MaxKeySize, or the value over its MaxValueSize.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, DateTimeOffset expiresAt)
    {
        ThrowIfNotActive();
        _store.ValidateKey(key);
        _store.ValidateValue(value.Length);
        _writes.PutExpiring(key, Expiry.Stored(value, expiresAt));
    }

    /// <summary>Stages a delete of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty or over the store's MaxKeySize.</exception>
    public void Delete(ReadOnlySpan<byte> key)
    {
        ThrowIfNotActive();
        _store.ValidateKey(key);
        _writes.Delete(key);
    }

    /// <summary>
    /// Reads <paramref name="key"/>: the transaction's own write of it if it has one, else its value as of the
    /// snapshot. The key is validated at commit.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        ThrowIfNotActive();
        _store.ValidateKey(key);
        if (_writes.Find(key) is { } staged)
        {
            value = Expiry.TryVisible(staged.Kind, staged.Value, _store.Clock, out var visible) ? visible.ToArray() : null;
            return value is not null;
        }

        _readKeys.Add(key.ToArray());
        return StoreReads.TryGet(_store, this, key, out value);
    }

    /// <summary>True when <paramref name="key"/> has a value, as <see cref="TryGet"/> sees it.</summary>
    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGet(key, out _);

    /// <summary>
    /// The entries in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>) as of the snapshot, merged
    /// with the transaction's writes (empty bounds are open). The whole range is validated at commit: a key
    /// committed into it by anyone else meanwhile is a conflict.
    /// </summary>
    public EdgeTransactionScan Scan(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive) =>
        NewScan(startInclusive.ToArray(), endExclusive.IsEmpty ? null : endExclusive.ToArray());

    /// <summary>The entries whose key starts with <paramref name="prefix"/>, as <see cref="Scan"/> sees them.</summary>
    public EdgeTransactionScan ScanPrefix(ReadOnlySpan<byte> prefix) => NewScan(prefix.ToArray(), KeyBounds.PrefixSuccessor(prefix));

    /// <summary>
    /// Validates the transaction and writes everything it staged as one batch, as durable as the store's level
    /// promises. A transaction without writes commits without validation (its snapshot was consistent).
    /// </summary>
    /// <exception cref="EdgeTransactionConflictException">Something the transaction read or wrote was committed by someone else after its snapshot; nothing was written.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public void Commit()
    {
        if (Finish() is { } check)
        {
            _store.CommitTransaction(_writes.ToBatch(), check);
        }
    }

    /// <summary>
    /// <see cref="Commit"/> without blocking the caller's thread while the commit waits for its group: the task
    /// completes when the commit is as durable as the store's level promises. Cancellation before the commit is queued
    /// throws <see cref="OperationCanceledException"/> and writes nothing; once queued, the commit completes.
    /// </summary>
    /// <exception cref="EdgeTransactionConflictException">Something the transaction read or wrote was committed by someone else after its snapshot; nothing was written.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Finish() is { } check ? _store.CommitTransactionAsync(_writes.ToBatch(), check) : default;
    }

    /// <summary>Ends the transaction's work; what the commit must validate, or null when there is nothing to write.</summary>
    private TransactionCheck? Finish()
    {
        ThrowIfNotActive();
        _finished = true;
        return _writes.Count == 0 ? null : new TransactionCheck(Sequence, _readKeys, _writes.Keys, _ranges);
    }

    /// <summary>Ends the transaction: without a commit, nothing it staged is written. Releases its snapshot.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _finished = true;
            _state.Release();
        }
    }

    /// <summary>Another reference on the transaction's snapshot, for one read or scan.</summary>
    ReadState IReadPoint.AcquireState()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _store.ThrowIfDisposed();
        ObjectDisposedException.ThrowIf(!_state.TryAcquire(), this);
        return _state;
    }

    internal List<StagedWrite> StagedRange(byte[] start, byte[]? end) => _writes.Range(start, end);

    private EdgeTransactionScan NewScan(byte[] start, byte[]? end)
    {
        ThrowIfNotActive();
        _ranges.Add((start, end));
        return new EdgeTransactionScan(_store, this, start, end);
    }

    private void ThrowIfNotActive()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_finished)
        {
            throw new InvalidOperationException("The transaction was committed (or its commit failed); begin a new one.");
        }
    }
}
