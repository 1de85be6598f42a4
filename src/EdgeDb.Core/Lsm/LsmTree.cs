using Microsoft.Extensions.Logging;
using EdgeDb.Diagnostics;
using EdgeDb.MemTables;
using EdgeDb.Storage;
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

    /// <summary>A flushed MemTable at least this large is followed by a background full collection (<see cref="ReleaseMemTableMemory"/>).</summary>
    private const long LargeMemTableBytes = 1L * 1024 * 1024;

    private readonly StoreDirectory _directory;
    private readonly EdgeStoreOptions _options;
    private readonly ILogger _logger;
    private readonly BlockCache? _cache;
    private readonly CompactionPicker _picker;
    private readonly TableOutput _output;
    private readonly object _stateLock = new();
    private readonly Thread _worker;
    private ReadState _state;
    private bool _stopping;
    private bool _workPending;
    private bool _busy;
    private bool _compactEverything;
    private Exception? _backgroundError;

    // Only the worker changes the manifest after open, so it needs no lock of its own.
    private Manifest _manifest;

    private LsmTree(StoreDirectory directory, EdgeStoreOptions options, ILogger logger, BlockCache? cache, Manifest manifest, ReadState state)
    {
        _directory = directory;
        _options = options;
        _logger = logger;
        _cache = cache;
        _manifest = manifest;
        _state = state;
        _picker = new CompactionPicker(options.MemTableSizeBytes);
        _output = new TableOutput(directory, TableWriterSettings.From(options), cache, logger, manifest.NextFileNumber);
        _worker = new Thread(RunWorker) { IsBackground = true, Name = "EdgeDb flush and compaction" };
    }

    /// <summary>The manifest as it was on open: where WAL replay starts.</summary>
    public Manifest OpenedManifest { get; private init; } = Manifest.Empty;

    /// <summary>The MemTable the commit leader writes into.</summary>
    public MemTable Active => Volatile.Read(ref _state).Active;

    /// <summary>
    /// Reads the manifest and opens and checks its tables. Changes nothing on disk but one thing: a new store gets its
    /// first, empty manifest, so that from then on a missing manifest is always damage. Obsolete files are deleted
    /// only once the whole open has succeeded (<see cref="DeleteObsoleteFiles"/>).
    /// </summary>
    /// <exception cref="EdgeCorruptionException">The manifest is missing beside tables, damaged, or disagrees with a table.</exception>
    public static LsmTree Open(StoreDirectory directory, EdgeStoreOptions options, ILogger logger)
    {
        var manifest = Manifest.TryRead(directory) ?? FirstManifest(directory);
        var cache = options.BlockCacheSizeBytes > 0 ? new BlockCache(options.BlockCacheSizeBytes) : null;
        var handles = new List<TableHandle>();
        try
        {
            foreach (var table in manifest.Tables)
            {
                handles.Add(new TableHandle(table, OpenListedTable(directory, table, cache)));
            }
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

    /// <summary>Deletes what the opened manifest proves obsolete; the store calls this once its open has succeeded.</summary>
    public void DeleteObsoleteFiles() => ObsoleteFiles.DeleteAfterOpen(_directory, OpenedManifest, _logger);

    /// <summary>
    /// The manifest of a directory that has none. Tables without a manifest mean it was lost (deleted, or damaged so
    /// that it no longer reads as a file): the tables' contents are not in the WAL any more, so opening as an empty
    /// store would lose them, and deleting them as unlisted would destroy them. A directory without tables is a new
    /// store (or one made before stores wrote a manifest at creation, whose WAL still holds everything): it gets an
    /// empty manifest now.
    /// </summary>
    private static Manifest FirstManifest(StoreDirectory directory)
    {
        var tables = directory.ListTables();
        if (tables.Count > 0)
        {
            throw new EdgeCorruptionException(
                $"The store at '{directory.Path}' has no MANIFEST but holds {tables.Count} table file(s) ({Path.GetFileName(tables[0].Path)} ...): " +
                "the manifest was lost, and without it the tables cannot be read in order. Nothing was changed. Restore the store from a backup.",
                directory.ManifestPath);
        }

        Manifest.Empty.Write(directory);
        return Manifest.Empty;
    }

    /// <summary>Opens a table the manifest lists and checks that the file is the one the manifest describes.</summary>
    private static TableReader OpenListedTable(StoreDirectory directory, TableMetadata table, BlockCache? cache)
    {
        var path = directory.TablePath(table.FileNumber);
        if (!directory.Files.FileExists(path))
        {
            throw new EdgeCorruptionException(
                $"The manifest lists table '{path}', which does not exist. Restore the store from a backup.", path);
        }

        var reader = TableReader.Open(directory.Files, path, table.FileNumber, cache);
        var properties = reader.Properties;
        if (properties.FileSize != table.FileSize
            || properties.EntryCount != table.EntryCount
            || properties.MinSequence != table.SmallestSequence
            || properties.MaxSequence != table.LargestSequence
            || !properties.SmallestKey.AsSpan().SequenceEqual(table.SmallestKey)
            || !properties.LargestKey.AsSpan().SequenceEqual(table.LargestKey))
        {
            reader.Dispose();
            throw new EdgeCorruptionException(
                $"The table '{path}' is not the one the manifest lists: the manifest says {table.FileSize} bytes, {table.EntryCount} entries, sequences " +
                $"{table.SmallestSequence}..{table.LargestSequence} and keys {Convert.ToHexString(table.SmallestKey)}..{Convert.ToHexString(table.LargestKey)}; " +
                $"the file has {properties.FileSize} bytes, {properties.EntryCount} entries, sequences {properties.MinSequence}..{properties.MaxSequence} and keys " +
                $"{Convert.ToHexString(properties.SmallestKey)}..{Convert.ToHexString(properties.LargestKey)}. Restore the store from a backup.",
                path);
        }

        return reader;
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

    /// <summary>Merges every table into the last level and waits for it (after the MemTables were frozen by the caller).</summary>
    /// <exception cref="EdgeStoreFailedException">Background work failed.</exception>
    public void CompactEverything()
    {
        lock (_stateLock)
        {
            _compactEverything = true;
            _workPending = true;
            Monitor.PulseAll(_stateLock);
        }

        WaitForBackgroundWork();
    }

    /// <summary>Waits until every frozen MemTable is flushed and no level needs compaction (tests and tools).</summary>
    public void WaitForBackgroundWork()
    {
        lock (_stateLock)
        {
            while (_workPending || _state.Immutables.Count > 0 || _busy || _compactEverything)
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

            if (Volatile.Read(ref _compactEverything))
            {
                if (CompactionJob.Everything(state.Levels) is { } everything)
                {
                    Compact(everything);
                }

                lock (_stateLock)
                {
                    _compactEverything = false;
                    Monitor.PulseAll(_stateLock);
                }

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
