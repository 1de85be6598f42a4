using EdgeDb.MemTables;

namespace EdgeDb.Lsm;

/// <summary>
/// Everything a read needs at one moment: the active MemTable, the immutable ones (newest first) and the tables
/// of every level (level 0 newest first, deeper levels sorted by key). Immutable once built; replaced whole
/// by a freeze, a flush or a compaction. Reference-counted so that the tables it lists stay open while a
/// read or a snapshot uses it.
/// </summary>
internal sealed class ReadState
{
    private int _references = 1;

    public ReadState(MemTable active, IReadOnlyList<ImmutableMemTable> immutables, IReadOnlyList<TableHandle>[] levels)
    {
        Active = active;
        Immutables = immutables;
        Levels = levels;
        foreach (var level in levels)
        {
            foreach (var table in level)
            {
                table.AddReference();
            }
        }
    }

    public MemTable Active { get; }

    public IReadOnlyList<ImmutableMemTable> Immutables { get; }

    public IReadOnlyList<TableHandle>[] Levels { get; }

    public IEnumerable<TableHandle> AllTables => Levels.SelectMany(level => level);

    /// <summary>Takes a reference unless the state was already released by everyone (then the caller retries with the current one).</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            foreach (var table in AllTables)
            {
                table.Release();
            }
        }
    }
}
