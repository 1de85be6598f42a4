using EdgeDb.Diagnostics;
using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

internal sealed partial class LsmTree
{
    /// <summary>
    /// Writes a frozen MemTable as a level-0 table, makes a manifest that lists it (and moves the WAL floor past
    /// the segments it covered) durable, publishes the new state, and only then deletes those segments.
    /// </summary>
    private void Flush(ImmutableMemTable frozen)
    {
        TableHandle? handle = null;
        if (frozen.Table.Count > 0)
        {
            handle = _output.Write(level: 0, EnumerateNewestVersions(frozen.Table), splitAtBytes: long.MaxValue).Single();
        }

        var next = _manifest with
        {
            NextFileNumber = _output.NextFileNumber,
            FlushedSequence = frozen.MaxSequence,
            WalFloor = frozen.WalBoundary,
            Tables = handle is null ? _manifest.Tables : [.. _manifest.Tables, handle.Metadata],
        };
        WriteManifest(next, handle is null ? [] : [handle]);

        lock (_stateLock)
        {
            var current = _state;
            var levels = (IReadOnlyList<TableHandle>[])current.Levels.Clone();
            if (handle is not null)
            {
                levels[0] = [handle, .. levels[0]];
            }

            Install(new ReadState(current.Active, current.Immutables.Where(m => !ReferenceEquals(m, frozen)).ToList(), levels));
            _workPending = true; // the new level-0 table may call for a compaction
            Monitor.PulseAll(_stateLock);
        }

        ObsoleteFiles.DeleteSegmentsBelow(_directory, frozen.WalBoundary, _logger);
        ReleaseMemTableMemory(frozen.Table);
        EdgeDbMetrics.Flushes.Add(1);
        EdgeDbMetrics.FlushBytes.Add(handle?.Metadata.FileSize ?? 0);
        Log.Flushed(_logger, frozen.Table.Count, handle?.Metadata.FileSize ?? 0, frozen.MaxSequence);
    }

    /// <summary>
    /// Makes <paramref name="next"/> the durable manifest. If that fails, the new tables' readers are closed (their
    /// files, unlisted, are removed by the next open) and the failure stops the worker: the store fails writes.
    /// </summary>
    private void WriteManifest(Manifest next, IReadOnlyList<TableHandle> newTables)
    {
        try
        {
            next.Write(_directory);
        }
        catch
        {
            foreach (var table in newTables)
            {
                table.Discard();
            }

            throw;
        }

        _manifest = next;
    }

    /// <summary>
    /// A flushed MemTable is megabytes of large-object-heap slabs turned to garbage at once. The GC would reclaim
    /// them only at its next full collection, letting several dead MemTables pile up in RSS; a background
    /// (non-blocking) full collection after each flush over 1 MiB keeps memory at the documented bound (docs/lsm.md,
    /// "Measured").
    /// </summary>
    private static void ReleaseMemTableMemory(MemTable flushed)
    {
        if (flushed.ApproximateBytes >= LargeMemTableBytes)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: false, compacting: false);
        }
    }

    /// <summary>
    /// The newest version of each key only: once flushed, every reader reads at or above the frozen MemTable's
    /// last sequence number (read states that still need older versions keep the MemTable itself).
    /// </summary>
    private static IEnumerable<IInternalIterator> EnumerateNewestVersions(MemTable table)
    {
        using var iterator = new MemTableIterator(table);
        iterator.SeekToFirst();
        ReadOnlyMemory<byte> previous = default;
        var first = true;
        while (iterator.Valid)
        {
            // MemTable keys are immutable arena memory: keeping a reference costs nothing.
            if (first || !iterator.Key.SequenceEqual(previous.Span))
            {
                first = false;
                previous = iterator.KeyMemory;
                yield return iterator;
            }

            iterator.MoveNext();
        }
    }
}
