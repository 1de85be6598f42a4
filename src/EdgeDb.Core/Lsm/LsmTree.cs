using Microsoft.Extensions.Logging;
using EdgeDb.Diagnostics;
using EdgeDb.MemTables;
using EdgeDb.Tables;

namespace EdgeDb.Lsm;

/// <summary>
/// The store's levels: the MemTables and the tables, the manifest that lists the tables, and the one background
/// worker that flushes frozen MemTables and compacts levels (docs/lsm.md). The commit leader writes into
/// <see cref="Active"/> and freezes it; readers take a <see cref="ReadState"/>.
/// </summary>
internal sealed partial class LsmTree : IDisposable
{
    public const int MaxImmutableMemTables = 2;
    public const int Level0SlowdownTables = 8;
    public const int Level0StopTables = 12;

    private readonly string _directory;
    private readonly EdgeStoreOptions _options;
    private readonly ILogger _logger;
    private readonly BlockCache? _cache;
    private readonly CompactionPicker _picker;
    private readonly object _stateLock = new();
    private readonly Thread _worker;
    private ReadState _state;
    private bool _stopping;
    private bool _workPending;
    private bool _busy;
    private Exception? _backgroundError;

    // Only the worker changes the manifest after open, so it needs no lock of its own.
    private Manifest _manifest;

    private LsmTree(string directory, EdgeStoreOptions options, ILogger logger, BlockCache? cache, Manifest manifest, ReadState state)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
        _cache = cache;
        _manifest = manifest;
        _state = state;
        _picker = new CompactionPicker(options.MemTableSizeBytes);
        _nextFileNumber = manifest.NextFileNumber;
        _worker = new Thread(RunWorker) { IsBackground = true, Name = "EdgeDb flush and compaction" };
    }

    /// <summary>The manifest as it was on open: where WAL replay starts.</summary>
    public Manifest OpenedManifest { get; private init; } = Manifest.Empty;

    /// <summary>The MemTable the commit leader writes into.</summary>
    public MemTable Active => Volatile.Read(ref _state).Active;

    /// <summary>Reads the manifest, opens its tables and removes the leftovers of interrupted flushes and compactions.</summary>
    public static LsmTree Open(string directory, EdgeStoreOptions options, ILogger logger)
    {
        var manifest = Manifest.Read(directory);
        var cache = options.BlockCacheSizeBytes > 0 ? new BlockCache(options.BlockCacheSizeBytes) : null;
        var handles = new List<TableHandle>();
        try
        {
            foreach (var table in manifest.Tables)
            {
                var path = Path.Combine(directory, TableMetadata.FileName(table.FileNumber));
                if (!File.Exists(path))
                {
                    throw new EdgeCorruptionException(
                        $"The manifest lists table '{path}', which does not exist. Restore the store from a backup.", path);
                }

                handles.Add(new TableHandle(table, TableReader.Open(path, table.FileNumber, cache)));
            }

            DeleteUnlistedFiles(directory, manifest);
        }
        catch
        {
            foreach (var handle in handles)
            {
                handle.Reader.Dispose();
            }

            throw;
        }

        var state = new ReadState(new MemTable(options.MemTableSizeBytes), [], BuildLevels(handles));
        return new LsmTree(directory, options, logger, cache, manifest, state) { OpenedManifest = manifest };
    }

    /// <summary>
    /// Starts the background worker; the store calls this once WAL recovery has succeeded, so that a store that
    /// fails to open is left exactly as it was found.
    /// </summary>
    public void StartBackgroundWork()
    {
        _worker.Start();
        lock (_stateLock)
        {
            // Levels may be over target after a crash mid-compaction.
            _workPending = true;
            Monitor.PulseAll(_stateLock);
        }
    }

    /// <summary>Takes a reference on the current read state; release it when done.</summary>
    /// <exception cref="ObjectDisposedException">The tree was disposed (its last state is released).</exception>
    public ReadState Acquire()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state.TryAcquire())
            {
                return state;
            }

            // A failed acquire means the state was released: replaced (retry with the new one) or, when it is
            // still the current one, released by Dispose.
            ObjectDisposedException.ThrowIf(ReferenceEquals(state, Volatile.Read(ref _state)), typeof(EdgeStore));
        }
    }

    /// <summary>
    /// Called by the commit leader before each group: waits while level 0 is at its stop limit and slows down
    /// near it, so compaction keeps up instead of reads getting slower without bound.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">The background worker failed.</exception>
    public void ThrottleWrites()
    {
        bool slowdown;
        lock (_stateLock)
        {
            while (true)
            {
                ThrowIfBackgroundFailed();
                if (_state.Levels[0].Count < Level0StopTables)
                {
                    break;
                }

                EdgeDbMetrics.WriteStalls.Add(1);
                Monitor.Wait(_stateLock, 100);
            }

            slowdown = _state.Levels[0].Count >= Level0SlowdownTables;
        }

        if (slowdown)
        {
            EdgeDbMetrics.WriteStalls.Add(1);
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Called by the commit leader when <see cref="Active"/> is full: waits for room among the immutable
    /// MemTables (this is what bounds memory), then freezes the active one. <paramref name="startNewWalSegment"/>
    /// starts the WAL segment for the writes after it and returns its number, the frozen MemTable's boundary.
    /// </summary>
    public void Freeze(ulong maxSequence, Func<ulong> startNewWalSegment)
    {
        lock (_stateLock)
        {
            while (true)
            {
                ThrowIfBackgroundFailed();
                if (_state.Immutables.Count < MaxImmutableMemTables)
                {
                    break;
                }

                EdgeDbMetrics.WriteStalls.Add(1);
                Monitor.Wait(_stateLock, 100);
            }

            var walBoundary = startNewWalSegment();
            var current = _state;
            current.Active.MarkFrozen(maxSequence);
            var frozen = new ImmutableMemTable(current.Active, maxSequence, walBoundary);
            Install(new ReadState(new MemTable(_options.MemTableSizeBytes), [frozen, .. current.Immutables], current.Levels));
            _workPending = true;
            Monitor.PulseAll(_stateLock);
        }
    }

    /// <summary>Waits until every frozen MemTable is flushed and no level needs compaction (tests and tools).</summary>
    public void WaitForBackgroundWork()
    {
        lock (_stateLock)
        {
            while (_workPending || _state.Immutables.Count > 0 || _busy)
            {
                ThrowIfBackgroundFailed();
                ObjectDisposedException.ThrowIf(_stopping, typeof(EdgeStore));
                Monitor.Wait(_stateLock, 50);
            }

            ThrowIfBackgroundFailed();
        }
    }

    /// <summary>Stops the worker (an unfinished compaction is abandoned; its inputs stay valid) and closes the tables.</summary>
    public void Dispose()
    {
        lock (_stateLock)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_stateLock);
        }

        if (_worker.IsAlive)
        {
            _worker.Join();
        }

        _state.Release();
    }

    /// <summary>Level 0 newest first (flushes take rising file numbers); deeper levels by smallest key.</summary>
    private static IReadOnlyList<TableHandle>[] BuildLevels(IEnumerable<TableHandle> tables)
    {
        var levels = new IReadOnlyList<TableHandle>[Manifest.MaxLevels];
        var byLevel = tables.ToLookup(t => t.Metadata.Level);
        levels[0] = byLevel[0].OrderByDescending(t => t.Metadata.FileNumber).ToList();
        for (var level = 1; level < Manifest.MaxLevels; level++)
        {
            levels[level] = byLevel[level].OrderBy(t => t.Metadata.SmallestKey, KeyOrder.Instance).ToList();
        }

        return levels;
    }

    private static void DeleteUnlistedFiles(string directory, Manifest manifest)
    {
        var listed = manifest.Tables.Select(t => TableMetadata.FileName(t.FileNumber)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.sst"))
        {
            if (!listed.Contains(Path.GetFileName(path)))
            {
                // Written by a flush or compaction whose manifest never became durable: nothing refers to it.
                File.Delete(path);
            }
        }

        File.Delete(Path.Combine(directory, Manifest.FileName + ".tmp"));
    }

    /// <summary>Makes <paramref name="next"/> the current state; caller holds the state lock.</summary>
    private void Install(ReadState next)
    {
        var previous = _state;
        Volatile.Write(ref _state, next);
        previous.Release();
    }

    private void ThrowIfBackgroundFailed()
    {
        if (_backgroundError is { } error)
        {
            throw new EdgeStoreFailedException(
                $"Background flush or compaction failed ({error.Message}); the store refuses writes until it is reopened.", error);
        }
    }

    private void RunWorker()
    {
        while (true)
        {
            lock (_stateLock)
            {
                while (!_workPending && !_stopping)
                {
                    Monitor.Wait(_stateLock);
                }

                if (_stopping)
                {
                    return;
                }

                _workPending = false;
                _busy = true;
            }

            try
            {
                DoPendingWork();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.BackgroundWorkFailed(_logger, ex);
                lock (_stateLock)
                {
                    _backgroundError = ex;
                    Monitor.PulseAll(_stateLock);
                }

                return;
            }
            finally
            {
                lock (_stateLock)
                {
                    _busy = false;
                    Monitor.PulseAll(_stateLock);
                }
            }
        }
    }

    /// <summary>Flushes come first (they free memory and unblock writers), then compactions, until nothing is due.</summary>
    private void DoPendingWork()
    {
        while (!Volatile.Read(ref _stopping))
        {
            var state = Volatile.Read(ref _state);
            if (state.Immutables.Count > 0)
            {
                Flush(state.Immutables[^1]);
                continue;
            }

            var job = _picker.Pick(state.Levels);
            if (job is null)
            {
                return;
            }

            Compact(job);
        }
    }

    private void ThrowIfStopping()
    {
        if (Volatile.Read(ref _stopping))
        {
            throw new OperationCanceledException();
        }
    }
}
