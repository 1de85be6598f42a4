using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>Walks a MemTable's bottom level; safe while the single writer inserts.</summary>
internal sealed class MemTableIterator(MemTable table) : IInternalIterator
{
    private MemTableEntry _entry;

    public bool Valid => _entry.Exists;

    public ReadOnlySpan<byte> Key => _entry.Key;

    public ReadOnlyMemory<byte> KeyMemory => _entry.KeyMemory;

    public ulong Sequence => _entry.Sequence;

    public EntryKind Kind => _entry.Kind;

    public ReadOnlyMemory<byte> Value => _entry.Value;

    public void SeekToFirst() => _entry = table.Seek([], ulong.MaxValue);

    /// <summary>Nothing to return: a MemTable iterator only points into the MemTable's arena.</summary>
    public void Dispose()
    {
    }

    public void Seek(ReadOnlySpan<byte> key, ulong sequence) => _entry = table.Seek(key, sequence);

    public void MoveNext() => _entry = table.Next(_entry);
}
