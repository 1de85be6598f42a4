using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>
/// Iterates a level of disjoint tables sorted by key as one sequence, opening a table's iterator only when the
/// walk reaches it, so a scan over a level of hundreds of tables touches only the tables in its range.
/// </summary>
internal sealed class LevelIterator(IReadOnlyList<TableHandle> tables) : IInternalIterator
{
    private int _index = -1;
    private IInternalIterator? _current;

    public bool Valid => _current is { Valid: true };

    public ReadOnlySpan<byte> Key => _current!.Key;

    public ReadOnlyMemory<byte> KeyMemory => _current!.KeyMemory;

    public ulong Sequence => _current!.Sequence;

    public EntryKind Kind => _current!.Kind;

    public ReadOnlyMemory<byte> Value => _current!.Value;

    public void SeekToFirst()
    {
        Open(0);
        _current?.SeekToFirst();
        SkipExhausted();
    }

    public void Seek(ReadOnlySpan<byte> key, ulong sequence)
    {
        Open(SortedLevel.FirstNotBefore(tables, key));
        _current?.Seek(key, sequence);
        SkipExhausted();
    }

    public void MoveNext()
    {
        _current!.MoveNext();
        SkipExhausted();
    }

    /// <summary>Disposes the table iterator the walk is in.</summary>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }

    private void Open(int index)
    {
        // One table's iterator at a time: the one the walk leaves is disposed as it moves on.
        _current?.Dispose();
        _index = index;
        _current = index < tables.Count ? TableIterators.Create(tables[index].Reader) : null;
    }

    private void SkipExhausted()
    {
        while (_current is not null && !_current.Valid)
        {
            Open(_index + 1);
            _current?.SeekToFirst();
        }
    }
}
