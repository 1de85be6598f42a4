using EdgeDb.Format;
using EdgeDb.MemTables;

namespace EdgeDb.Lsm;

/// <summary>
/// Whether anything was committed after a sequence number, for one key or a key range: what a transaction's
/// commit validates (docs/transactions.md). For any one key a newer source holds newer versions, so the newest
/// version in the first source that has the key decides. Two facts let the walk stop early: an immutable MemTable
/// or a level-0 table whose newest write is at or below the sequence is newer than every source after it (tables
/// come only from MemTables frozen before it; compaction takes every level-0 table at once, so deeper levels hold
/// only what older level-0 tables held), so nothing after it can be newer. In the common case the walk ends at the
/// first frozen MemTable or table.
/// </summary>
internal static class NewerVersions
{
    /// <summary>True when <paramref name="key"/> has a version (a put or a delete) newer than <paramref name="since"/>.</summary>
    public static bool OfKey(ReadState state, ReadOnlySpan<byte> key, ulong since)
    {
        var hash = KeyDigest.Hash(key);
        if (state.Active.TryGetVersion(key, hash, InternalKey.MaxSequence, out var newest))
        {
            return newest.Sequence > since;
        }

        foreach (var frozen in state.Immutables)
        {
            if (frozen.MaxSequence <= since)
            {
                return false;
            }

            if (frozen.Table.TryGetVersion(key, hash, InternalKey.MaxSequence, out newest))
            {
                return newest.Sequence > since;
            }
        }

        var level0 = state.Levels[0];
        for (var i = 0; i < level0.Count; i++)
        {
            var table = level0[i];
            if (table.Reader.Properties.MaxSequence <= since)
            {
                return false;
            }

            if (table.Metadata.Covers(key) && table.Reader.TryGetNewestSequence(key, hash, out var sequence))
            {
                return sequence > since;
            }
        }

        // Deeper levels: one table per level may hold the key; a table's own sequence range says nothing of the others.
        for (var level = 1; level < state.Levels.Length; level++)
        {
            if (SortedLevel.Covering(state.Levels[level], key) is { } table && table.Reader.TryGetNewestSequence(key, hash, out var sequence))
            {
                return sequence > since;
            }
        }

        return false;
    }

    /// <summary>True when some key in [<paramref name="start"/>, <paramref name="end"/>) has a version newer than <paramref name="since"/>.</summary>
    /// <param name="state">The current read state.</param>
    /// <param name="start">The inclusive start; empty is open.</param>
    /// <param name="end">The exclusive end; null is open.</param>
    /// <param name="since">The transaction's snapshot sequence.</param>
    public static bool InRange(ReadState state, byte[] start, byte[]? end, ulong since)
    {
        using (var active = new MemTableIterator(state.Active))
        {
            if (AnyNewer(active, start, end, since))
            {
                return true;
            }
        }

        foreach (var frozen in state.Immutables)
        {
            if (frozen.MaxSequence <= since)
            {
                return false;
            }

            using var iterator = new MemTableIterator(frozen.Table);
            if (AnyNewer(iterator, start, end, since))
            {
                return true;
            }
        }

        foreach (var table in state.Levels[0])
        {
            if (table.Reader.Properties.MaxSequence <= since)
            {
                return false;
            }

            if (Meets(table.Metadata, start, end) && AnyNewerInTable(table, start, end, since))
            {
                return true;
            }
        }

        foreach (var table in state.Levels.Skip(1).SelectMany(level => level))
        {
            if (table.Reader.Properties.MaxSequence > since && Meets(table.Metadata, start, end) && AnyNewerInTable(table, start, end, since))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyNewerInTable(TableHandle table, byte[] start, byte[]? end, ulong since)
    {
        using var iterator = TableIterators.Create(table.Reader);
        return AnyNewer(iterator, start, end, since);
    }

    private static bool Meets(TableMetadata table, byte[] start, byte[]? end) =>
        table.LargestKey.AsSpan().SequenceCompareTo(start) >= 0 && (end is null || table.SmallestKey.AsSpan().SequenceCompareTo(end) < 0);

    private static bool AnyNewer(IInternalIterator iterator, byte[] start, byte[]? end, ulong since)
    {
        if (start.Length == 0)
        {
            iterator.SeekToFirst();
        }
        else
        {
            iterator.Seek(start, InternalKey.MaxSequence);
        }

        for (; iterator.Valid; iterator.MoveNext())
        {
            if (end is not null && iterator.Key.SequenceCompareTo(end) >= 0)
            {
                return false;
            }

            if (iterator.Sequence > since)
            {
                return true;
            }
        }

        return false;
    }
}
