using EdgeDb.Diagnostics;
using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

internal sealed partial class LsmTree
{
    /// <summary>
    /// Merges a job's tables into the next level: older versions dropped, tombstones dropped where no deeper level
    /// can hold their key, output cut into tables of the target size at key boundaries. The new manifest is made
    /// durable before the inputs are deleted.
    /// </summary>
    private void Compact(CompactionJob job)
    {
        var inputs = job.AllInputs.ToList();
        List<TableHandle> outputs;
        if (job.IsTrivialMove)
        {
            outputs = [job.Inputs[0].AtLevel(job.OutputLevel)];
        }
        else
        {
            using var merged = new MergingIterator(inputs.Select(t => TableIterators.Create(t.Reader, fillCache: false)).ToList());
            merged.SeekToFirst();
            var deeper = Volatile.Read(ref _state).Levels.Skip(job.OutputLevel + 1).SelectMany(l => l).Select(t => t.Metadata).ToList();
            outputs = _output.Write(job.OutputLevel, SurvivingEntries(merged, deeper), TargetTableBytes);
        }

        var removed = inputs.Select(t => t.Metadata.FileNumber).ToHashSet();
        var next = _manifest with
        {
            NextFileNumber = _output.NextFileNumber,
            Tables = [.. _manifest.Tables.Where(t => !removed.Contains(t.FileNumber)), .. outputs.Select(o => o.Metadata)],
        };
        WriteManifest(next, outputs);

        lock (_stateLock)
        {
            var current = _state;
            var levels = (IReadOnlyList<TableHandle>[])current.Levels.Clone();
            for (var level = 0; level < levels.Length; level++)
            {
                // A manual compaction takes inputs from every level; a picked one from two.
                levels[level] = levels[level].Where(t => !removed.Contains(t.Metadata.FileNumber)).ToList();
            }

            levels[job.OutputLevel] = levels[job.OutputLevel]
                .Concat(outputs)
                .OrderBy(t => t.Metadata.SmallestKey, KeyOrder.Instance)
                .ToList();
            Install(new ReadState(current.Active, current.Immutables, levels));
            _workPending = true;
            Monitor.PulseAll(_stateLock);
        }

        if (!job.IsTrivialMove)
        {
            // Readers still holding an older state keep reading the unlinked files through their open handles.
            ObsoleteFiles.DeleteTables(_directory, removed, _logger);
            foreach (var number in removed)
            {
                _cache?.Evict(number);
            }
        }

        EdgeDbMetrics.Compactions.Add(1);
        EdgeDbMetrics.CompactionBytesRead.Add(inputs.Sum(t => t.Metadata.FileSize));
        EdgeDbMetrics.CompactionBytesWritten.Add(job.IsTrivialMove ? 0 : outputs.Sum(t => t.Metadata.FileSize));
        Log.Compacted(_logger, job.Level, inputs.Count, job.OutputLevel, outputs.Count);
    }

    /// <summary>A quarter of the MemTable budget, at most 32 MiB: small enough to compact in steps, large enough to keep the table count low.</summary>
    private long TargetTableBytes => Math.Clamp(_options.MemTableSizeBytes / 4, 4096, 32L * 1024 * 1024);

    /// <summary>
    /// The entries a compaction keeps: the newest version of each key (every reader of the resulting state reads
    /// at or above the inputs' sequence numbers), minus tombstones that hide nothing deeper.
    /// </summary>
    private IEnumerable<IInternalIterator> SurvivingEntries(MergingIterator merged, List<TableMetadata> deeper)
    {
        // One reused buffer for the previous key: a copy per key would be most of a compaction's garbage.
        var previous = new byte[256];
        var previousLength = -1;
        var steps = 0;
        while (merged.Valid)
        {
            if (++steps % 1024 == 0)
            {
                ThrowIfStopping();
            }

            var key = merged.Key;
            if (previousLength < 0 || !key.SequenceEqual(previous.AsSpan(0, previousLength)))
            {
                if (key.Length > previous.Length)
                {
                    previous = new byte[Math.Max(key.Length, previous.Length * 2)];
                }

                key.CopyTo(previous);
                previousLength = key.Length;
                // A delete, or an expired version (read as one), is kept only while a deeper level may hold its key.
                if (!Expiry.IsGone(merged.Kind, merged.Value.Span, _options.TimeProvider) || HiddenDeeper(deeper, key))
                {
                    yield return merged;
                }
            }

            merged.MoveNext();
        }
    }

    private static bool HiddenDeeper(List<TableMetadata> deeper, ReadOnlySpan<byte> key)
    {
        foreach (var table in deeper)
        {
            if (table.Covers(key))
            {
                return true;
            }
        }

        return false;
    }
}
