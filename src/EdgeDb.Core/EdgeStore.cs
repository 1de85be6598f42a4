using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using EdgeDb.Diagnostics;
using EdgeDb.Lsm;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using EdgeDb.Transactions;
using EdgeDb.Wal;
using EdgeDb.Writes;
using EdgeDb.Format;

namespace EdgeDb;

/// <summary>
/// An embedded, ordered key-value store in one directory: byte keys and values, a checksummed write-ahead
/// log, MemTables and sorted tables compacted in the background (docs/lsm.md). Thread-safe: any number of
/// threads may read and write at once. One instance per directory (see docs/durability.md for what each
/// write survives).
/// </summary>
public sealed class EdgeStore : IDisposable, IAsyncDisposable
{
    private readonly EdgeStoreOptions _options;
    private readonly ILogger _logger;
    private readonly DirectoryLock _directoryLock;
    private readonly WalWriter _wal;
    private readonly LsmTree _tree;
    private readonly WriteQueue _writeQueue;
    private readonly PendingWritePool _asyncWrites = new();
    private readonly Timer? _bufferedWriteTimer;
    private ulong _lastSequence;
    private ulong _visibleSequence;
    private int _disposed;

    [ThreadStatic]
    private static WriteBatch? t_singleWriteBatch;

    // A thread submits one write at a time, so its queue entry is reused rather than allocated per write.
    [ThreadStatic]
    private static PendingWrite? t_pendingWrite;

    /// <summary>The store's logger, for the typed layer's work done on its behalf (index builds).</summary>
    internal ILogger Logger => _logger;

    private EdgeStore(string directory, EdgeStoreOptions options, ILogger logger, DirectoryLock directoryLock, WalWriter wal, LsmTree tree, ulong lastSequence)
    {
        Directory = directory;
        _options = options;
        _logger = logger;
        _directoryLock = directoryLock;
        _wal = wal;
        _tree = tree;
        _lastSequence = lastSequence;
        _visibleSequence = lastSequence;
        _writeQueue = new WriteQueue(CommitGroup, gather: options.Durability == Durability.Synced);
        if (options.Durability == Durability.Buffered)
        {
            _bufferedWriteTimer = new Timer(static state => ((EdgeStore)state!).WriteBufferedRecords(), this, options.BufferedWriteInterval, options.BufferedWriteInterval);
        }
    }

    /// <summary>The clock expiring versions are judged by (<see cref="EdgeStoreOptions.TimeProvider"/>).</summary>
    internal TimeProvider Clock => _options.TimeProvider;

    /// <summary>The full path of the store's directory.</summary>
    public string Directory { get; }

    /// <summary>The sequence number of the newest write readers can see.</summary>
    public ulong LastSequence => Volatile.Read(ref _visibleSequence);

    /// <summary>The bytes the active MemTable uses; it is frozen and flushed at <see cref="EdgeStoreOptions.MemTableSizeBytes"/>.</summary>
    public long MemTableBytes => _tree.Active.ApproximateBytes;

    /// <summary>
    /// Opens the store in <paramref name="directory"/>, creating it if needed, and replays its write-ahead log. A store
    /// that fails to open is left on disk exactly as it was found.
    /// </summary>
    /// <exception cref="ArgumentException">The directory is empty or a file, or an option makes no sense.</exception>
    /// <exception cref="EdgeStoreLockedException">The store is already open in this process or another one.</exception>
    /// <exception cref="EdgeCorruptionException">A file of the store is damaged (or missing) in a way the recovery mode does not accept.</exception>
    /// <exception cref="EdgeIOException">A file-system call failed (no permission, an I/O error).</exception>
    public static EdgeStore Open(string directory, EdgeStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options = (options ?? new EdgeStoreOptions()).Clone();
        options.Validate();
        var logger = options.Logger ?? NullLogger.Instance;

        var storeDirectory = new StoreDirectory(options.FileSystem, StorePath.Prepare(options.FileSystem, directory));
        var directoryLock = DirectoryLock.Acquire(storeDirectory);
        LsmTree? tree = null;
        WalWriter? wal = null;
        try
        {
            return OpenLocked(storeDirectory, options, logger, directoryLock, ref tree, ref wal);
        }
        catch (Exception e)
        {
            wal?.Dispose();
            tree?.Dispose();
            directoryLock.Dispose();
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new EdgeIOException($"Opening the store at '{storeDirectory.Path}' failed: {e.Message}", storeDirectory.Path, e);
            }

            throw;
        }
    }

    /// <summary>
    /// <see cref="Open"/> off the caller's thread: a long WAL replay runs on the thread pool, so a host's start-up or a
    /// UI thread is not blocked by it. Cancellation before the open starts throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The directory is empty or a file, or an option makes no sense.</exception>
    /// <exception cref="EdgeStoreLockedException">The store is already open in this process or another one.</exception>
    /// <exception cref="EdgeCorruptionException">A file of the store is damaged (or missing) in a way the recovery mode does not accept.</exception>
    /// <exception cref="EdgeIOException">A file-system call failed (no permission, an I/O error).</exception>
    public static ValueTask<EdgeStore> OpenAsync(string directory, EdgeStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<EdgeStore>(Task.Run(() => Open(directory, options), cancellationToken));
    }

    /// <summary>The steps of <see cref="Open"/> under the directory lock, in the order docs/lsm.md ("Opening a store") gives.</summary>
    private static EdgeStore OpenLocked(StoreDirectory directory, EdgeStoreOptions options, ILogger logger, DirectoryLock directoryLock, ref LsmTree? tree, ref WalWriter? wal)
    {
        tree = LsmTree.Open(directory, options, logger);
        var manifest = tree.OpenedManifest;
        var active = tree.Active;
        var recovered = WalRecovery.Recover(
            directory,
            options.RecoveryMode,
            logger,
            firstSequence: manifest.FlushedSequence + 1,
            manifest.WalFloor,
            (first, payload, _) => BatchPayload.ApplyTo(active, first, payload));

        // Synced gains cheaper syncs; every level gains writes through a memory map where the OS has them.
        var preallocate = options.Durability == Durability.Synced || MappedWriteWindow.IsSupported;
        wal = recovered.CreateNewSegment
            ? WalWriter.Create(directory, recovered.SegmentNumber, options.WalSegmentSizeBytes, preallocate)
            : WalWriter.Continue(directory, recovered.SegmentNumber, recovered.ValidLength, options.WalSegmentSizeBytes, preallocate);

        // Replayed records may exist only in the page cache (a Synced writer killed before its fsync): make them
        // durable before any reader can see them.
        wal.Sync();

        // The open has succeeded: only now may anything be deleted, and only what the manifest proves obsolete.
        tree.DeleteObsoleteFiles();
        if (active.ApproximateBytes >= options.MemTableSizeBytes)
        {
            // Replay filled the MemTable: flush it before taking writes.
            tree.Freeze(recovered.LastSequence, wal.StartNewSegment);
        }

        tree.StartBackgroundWork();
        Log.StoreOpened(logger, directory.Path, recovered.RecordsReplayed, recovered.SegmentsRead, recovered.LastSequence);
        return new EdgeStore(directory.Path, options, logger, directoryLock, wal, tree, recovered.LastSequence);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any earlier value.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>, or the value is over <see cref="EdgeStoreOptions.MaxValueSize"/>.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfDisposed();
        ValidateKey(key);
        ValidateValue(value.Length);
        var batch = RentSingleWriteBatch();
        batch.Put(key, value);
        Submit(batch);
    }

    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/> until <paramref name="expiresAt"/>: from then on
    /// (by <see cref="EdgeStoreOptions.TimeProvider"/>) every read finds the key absent, and compaction removes it.
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>, or the value is over <see cref="EdgeStoreOptions.MaxValueSize"/>.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, DateTimeOffset expiresAt)
    {
        ThrowIfDisposed();
        ValidateKey(key);
        ValidateValue(value.Length);
        var batch = RentSingleWriteBatch();
        batch.Put(key, value, expiresAt);
        Submit(batch);
    }

    /// <summary>
    /// <see cref="Put(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> without blocking the caller's thread while the write
    /// waits for its group commit: the task completes when the write is as durable as the store's level promises.
    /// Cancellation before the write is queued throws <see cref="OperationCanceledException"/> and writes nothing;
    /// once queued, the write completes (docs/durability.md, "Asynchronous writes").
    /// </summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>, or the value is over <see cref="EdgeStoreOptions.MaxValueSize"/>.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public ValueTask PutAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ValidateKey(key.Span);
        ValidateValue(value.Length);
        var write = _asyncWrites.Rent();
        write.OwnBatch.Put(key.Span, value.Span);
        return SubmitAsync(write, write.OwnBatch, check: null);
    }

    /// <summary><see cref="Delete"/> without blocking the caller's thread (see <see cref="PutAsync(ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, CancellationToken)"/>).</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public ValueTask DeleteAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        ValidateKey(key.Span);
        var write = _asyncWrites.Rent();
        write.OwnBatch.Delete(key.Span);
        return SubmitAsync(write, write.OwnBatch, check: null);
    }

    /// <summary>
    /// <see cref="Write"/> without blocking the caller's thread (see <see cref="PutAsync(ReadOnlyMemory{byte}, ReadOnlyMemory{byte}, CancellationToken)"/>).
    /// Do not change <paramref name="batch"/> until the task completes.
    /// </summary>
    /// <exception cref="ArgumentException">A key or value in the batch is over the store's limits.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public ValueTask WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        if (batch.Count == 0)
        {
            return default;
        }

        ValidateBatch(batch);
        return SubmitAsync(_asyncWrites.Rent(), batch, check: null);
    }

    /// <summary>
    /// <see cref="Sync"/> off the caller's thread: the fsync runs on the thread pool. Cancellation before it starts
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">The write or fsync failed; the store refuses writes until reopened.</exception>
    public ValueTask SyncAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return new ValueTask(Task.Run(Sync, cancellationToken));
    }

    /// <summary>Removes <paramref name="key"/>. Removing a key that does not exist is not an error.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public void Delete(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        ValidateKey(key);
        var batch = RentSingleWriteBatch();
        batch.Delete(key);
        Submit(batch);
    }

    /// <summary>Applies every operation of <paramref name="batch"/> atomically: all of them or, also after a crash, none.</summary>
    /// <exception cref="ArgumentException">A key or value in the batch is over the store's limits.</exception>
    /// <exception cref="EdgeStoreFailedException">Writing the log failed; the store refuses writes until reopened.</exception>
    public void Write(WriteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDisposed();
        if (batch.Count == 0)
        {
            return;
        }

        ValidateBatch(batch);
        Submit(batch);
    }

    /// <summary>Reads the value stored under <paramref name="key"/>; false when there is none.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value) => StoreReads.TryGet(this, null, key, out value);

    /// <summary>True when a value is stored under <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.MaxKeySize"/>.</exception>
    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGet(key, out _);

    /// <summary>
    /// The entries with <paramref name="startInclusive"/> &lt;= key &lt; <paramref name="endExclusive"/> in
    /// ascending bytewise key order. An empty bound is open: <c>Scan([], [])</c> yields every entry. Each
    /// enumeration sees the store as of its first step (writes during it are not seen); for a fixed point in time
    /// across several reads, use <see cref="GetSnapshot"/>.
    /// </summary>
    public EdgeScan Scan(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive) => StoreReads.Scan(this, null, startInclusive, endExclusive);

    /// <summary>The entries whose key starts with <paramref name="prefix"/>, in key order (every entry when it is empty).</summary>
    public EdgeScan ScanPrefix(ReadOnlySpan<byte> prefix) => StoreReads.ScanPrefix(this, null, prefix);

    /// <summary>
    /// Begins a transaction (docs/transactions.md): its reads see the store as of now plus its own writes, and its
    /// <see cref="EdgeTransaction.Commit"/> writes everything or, if anything it read or wrote was committed by
    /// someone else meanwhile, nothing. Dispose it: while it lives it keeps this moment's MemTables and tables.
    /// </summary>
    public EdgeTransaction BeginTransaction()
    {
        ThrowIfDisposed();
        var state = _tree.Acquire();
        return new EdgeTransaction(this, state, ReadSequence(state));
    }

    /// <summary>
    /// A consistent, read-only view of the store as of now: its reads and scans ignore every later write, flush
    /// and compaction. Dispose it promptly: while it lives it keeps the MemTables and table files of this moment
    /// (memory and disk space) alive.
    /// </summary>
    public EdgeSnapshot GetSnapshot()
    {
        ThrowIfDisposed();
        var state = _tree.Acquire();
        return new EdgeSnapshot(this, state, ReadSequence(state));
    }

    /// <summary>
    /// Writes every MemTable out to sorted tables now and waits until that is done (and any compaction it made due),
    /// so that the WAL segments before this call can be deleted. Writes may go on meanwhile, into a new MemTable.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">Starting the next WAL segment, or the flush, failed; the store refuses writes until reopened.</exception>
    public void Flush()
    {
        ThrowIfDisposed();
        var write = new PendingWrite().ResetExclusive(() =>
        {
            _wal.ThrowIfFailed();
            if (_tree.Active.Count > 0)
            {
                _tree.Freeze(_lastSequence, _wal.StartNewSegment);
            }
        });
        _writeQueue.Submit(write);
        _tree.WaitForBackgroundWork();
    }

    /// <summary>
    /// Writes the MemTables out and merges every table into the last level now, waiting until it is done: the space of
    /// deleted, overwritten and expired versions is reclaimed (docs/lsm.md, "Expiry"). Writes and reads go on meanwhile.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">The flush or the compaction failed; the store refuses writes until reopened.</exception>
    public void Compact()
    {
        Flush();
        _tree.CompactEverything();
    }

    /// <summary>Waits until every frozen MemTable is flushed and no compaction is due (for tools and tests).</summary>
    /// <exception cref="EdgeStoreFailedException">Background work failed.</exception>
    public void WaitForBackgroundWork()
    {
        ThrowIfDisposed();
        _tree.WaitForBackgroundWork();
    }

    /// <summary>Makes every write acknowledged so far durable against power loss (write and fsync the log).</summary>
    /// <exception cref="EdgeStoreFailedException">The write or fsync failed; the store refuses writes until reopened.</exception>
    public void Sync()
    {
        ThrowIfDisposed();
        _wal.Sync();
    }

    /// <summary><see cref="Dispose"/> off the caller's thread (the final fsync and the wait for a flush or compaction in progress).</summary>
    public ValueTask DisposeAsync() => Volatile.Read(ref _disposed) != 0 ? default : new ValueTask(Task.Run(Dispose));

    /// <summary>Makes every acknowledged write durable, closes the log and releases the directory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _bufferedWriteTimer?.Dispose();
        try
        {
            // Through the queue, so a commit in progress finishes first and none starts after.
            _writeQueue.Submit(new PendingWrite().ResetExclusive(() =>
            {
                _tree.Dispose();
                if (_wal.Close() is { } failure)
                {
                    Log.CloseFailed(_logger, Directory, failure);
                }
            }));
        }
        finally
        {
            _directoryLock.Dispose();
        }
    }

    internal ReadState AcquireState() => _tree.Acquire();

    /// <summary>
    /// The sequence number a read through <paramref name="state"/> sees: the newest published one, unless the state's
    /// active MemTable was frozen after the state was taken, in which case later writes went to a MemTable the state
    /// does not hold and the read must not claim them. Read after acquiring the state.
    /// </summary>
    internal ulong ReadSequence(ReadState state) => Math.Min(LastSequence, state.Active.FrozenAtSequence);

    internal long WalSyncCount => _wal.SyncCount;

    internal long WriteGroupCount => _writeQueue.GroupCount;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    /// <summary>Checks a batch against this store's limits (a batch is built without knowing the store).</summary>
    private void ValidateBatch(WriteBatch batch)
    {
        if (batch.MaxKeyLength > _options.MaxKeySize)
        {
            throw new ArgumentException($"The batch holds a key of {batch.MaxKeyLength} bytes; this store's MaxKeySize is {_options.MaxKeySize}.", nameof(batch));
        }

        ValidateValue(batch.MaxValueLength, nameof(batch));
    }

    /// <summary>Queues <paramref name="batch"/> through <paramref name="write"/> for an awaiting caller, and returns the entry to the pool after.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SubmitAsync(PendingWrite write, WriteBatch batch, TransactionCheck? check)
    {
        try
        {
            await _writeQueue.SubmitAsync(write.ResetAwaited(batch, check)).ConfigureAwait(false);
        }
        finally
        {
            _asyncWrites.Return(write);
        }
    }

    private static WriteBatch RentSingleWriteBatch()
    {
        // The calling thread waits until its write is committed, so one batch per thread can be reused.
        var batch = t_singleWriteBatch ??= new WriteBatch();
        batch.Clear();
        return batch;
    }

    /// <summary>Commits a transaction's batch through the write queue, validated by the leader in commit order.</summary>
    internal void CommitTransaction(WriteBatch batch, TransactionCheck check)
    {
        ThrowIfDisposed();
        var write = new PendingWrite();
        _writeQueue.Submit(write.Reset(batch, check));
    }

    /// <summary><see cref="CommitTransaction"/> for an awaiting caller.</summary>
    internal ValueTask CommitTransactionAsync(WriteBatch batch, TransactionCheck check)
    {
        ThrowIfDisposed();
        return SubmitAsync(_asyncWrites.Rent(), batch, check);
    }

    private void Submit(WriteBatch batch)
    {
        var write = t_pendingWrite ??= new PendingWrite();
        try
        {
            _writeQueue.Submit(write.Reset(batch));
        }
        finally
        {
            write.Release();
        }
    }

    /// <summary>Runs on the leader only: log the group with one write (and fsync), then apply and publish it.</summary>
    private void CommitGroup(List<PendingWrite> group)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            foreach (var write in group)
            {
                write.Error = new ObjectDisposedException(nameof(EdgeStore));
            }

            return;
        }

        _wal.ThrowIfFailed();
        _tree.ThrottleWrites();
        var sequence = _lastSequence;
        var operations = 0;
        var batches = 0;
        var validation = new GroupValidation(group);
        for (var i = 0; i < group.Count; i++)
        {
            var write = group[i];
            if (write.Check is { } check && validation.FindConflict(check, sequence, _tree) is { } conflict)
            {
                // Nothing of a conflicting transaction is written; the rest of the group commits.
                write.Error = conflict;
                continue;
            }

            var batch = write.Batch!;
            _wal.Append(sequence + 1, batch.GetPayload());
            sequence += (ulong)batch.Count;
            operations += batch.Count;
            batches++;
            validation.Committing(i);
        }

        if (batches == 0)
        {
            return;
        }

        _wal.Commit(_options.Durability);

        var active = _tree.Active;
        var next = _lastSequence + 1;
        foreach (var write in group)
        {
            if (write.Error is null)
            {
                BatchPayload.ApplyTo(active, next, write.Batch!.GetPayload());
                next += (ulong)write.Batch.Count;
            }
        }

        _lastSequence = sequence;
        Volatile.Write(ref _visibleSequence, sequence);
        EdgeDbMetrics.WriteGroups.Add(1);
        EdgeDbMetrics.BatchesWritten.Add(batches);
        EdgeDbMetrics.OperationsWritten.Add(operations);

        // The group is durable and visible already: a failure from here on is not its failure (the failed WAL or
        // worker refuses the next write). Waiting for room among the frozen MemTables delays its writers' return,
        // which is the back-pressure that bounds memory.
        try
        {
            if (active.ApproximateBytes >= _options.MemTableSizeBytes)
            {
                _tree.Freeze(sequence, _wal.StartNewSegment);
            }
            else
            {
                _wal.RotateIfFull();
            }
        }
        catch (EdgeStoreFailedException)
        {
        }
    }

    private void WriteBufferedRecords()
    {
        _wal.WriteBuffered();
        try
        {
            _wal.ThrowIfFailed();
        }
        catch (EdgeStoreFailedException ex)
        {
            _bufferedWriteTimer?.Change(Timeout.Infinite, Timeout.Infinite);
            Log.BackgroundWalWriteFailed(_logger, ex);
        }
    }

    internal void ValidateKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("A key must not be empty.", nameof(key));
        }

        if (key.Length > _options.MaxKeySize)
        {
            throw new ArgumentException($"The key is {key.Length} bytes; this store's MaxKeySize is {_options.MaxKeySize}.", nameof(key));
        }
    }

    internal void ValidateValue(int length, string parameterName = "value")
    {
        if (length > _options.MaxValueSize)
        {
            throw new ArgumentException($"The value is {length} bytes; this store's MaxValueSize is {_options.MaxValueSize}.", parameterName);
        }
    }
}
