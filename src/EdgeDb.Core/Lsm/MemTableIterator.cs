using EdgeDb.MemTables;

namespace EdgeDb.Lsm;

/// <summary>Walks a MemTable's bottom level; safe while the single writer inserts.</summary>
internal sealed class MemTableIterator(MemTable table) : IInternalIterator
{
    private MemTableNode? _node;

    public bool Valid => _node is not null;

    public ReadOnlySpan<byte> Key => _node!.Key;

    public ReadOnlyMemory<byte> KeyMemory => _node!.Key;

    public ulong Sequence => _node!.Sequence;

    public MemTableEntryKind Kind => _node!.Kind;

    public ReadOnlyMemory<byte> Value => _node!.Value;

    public void SeekToFirst() => _node = table.Seek([], ulong.MaxValue);

    public void Seek(ReadOnlySpan<byte> key, ulong sequence) => _node = table.Seek(key, sequence);

    public void MoveNext() => _node = _node!.NextInOrder;
}
