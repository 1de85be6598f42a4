using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>
/// Walks a table in internal order (key ascending, then sequence descending), block by block. Moving costs
/// no allocation except reading a block that is not cached. <see cref="Key"/> is valid until the next move;
/// <see cref="Value"/> is a slice of an immutable block and stays valid. One thread per iterator.
/// </summary>
internal sealed class TableIterator : IDisposable
{
    private readonly TableReader _reader;
    private readonly bool _fillCache;
    private BlockCursor _index = new();
    private BlockCursor _data = new();
    private bool _positioned;

    internal TableIterator(TableReader reader, bool fillCache)
    {
        _reader = reader;
        _fillCache = fillCache;
    }

    /// <summary>True when positioned on an entry.</summary>
    public bool Valid => _data.Valid;

    public ReadOnlySpan<byte> Key => _data.Key;

    public ulong Sequence => _data.Sequence;

    public EntryKind Kind => _data.Kind;

    /// <summary>The value; empty for a delete.</summary>
    public ReadOnlyMemory<byte> Value => _data.Value;

    /// <summary>Positions on the first entry; false when there is none.</summary>
    public bool SeekToFirst()
    {
        _positioned = true;
        _index.Reset(_reader.Index);
        if (!_index.SeekToFirst())
        {
            _data.Reset(null);
            return false;
        }

        LoadBlock();
        return _data.SeekToFirst() || NextBlock();
    }

    /// <summary>
    /// Positions on the first entry at or after (key, sequence) in internal order: for the same key, the newest
    /// version at or below <paramref name="sequence"/>. False when every entry is before it.
    /// </summary>
    public bool Seek(ReadOnlySpan<byte> key, ulong sequence)
    {
        _positioned = true;
        _index.Reset(_reader.Index);
        if (!_index.Seek(key, sequence))
        {
            _data.Reset(null);
            return false;
        }

        LoadBlock();
        return _data.Seek(key, sequence) || NextBlock();
    }

    /// <summary>Moves to the next entry; on an iterator never positioned, to the first one.</summary>
    public bool MoveNext()
    {
        if (!_positioned)
        {
            return SeekToFirst();
        }

        if (!_data.Valid)
        {
            return false;
        }

        return _data.MoveNext() || NextBlock();
    }

    public void Dispose()
    {
        _index.Release();
        _data.Release();
    }

    private bool NextBlock()
    {
        while (_index.MoveNext())
        {
            LoadBlock();
            if (_data.SeekToFirst())
            {
                return true;
            }
        }

        _data.Reset(null);
        return false;
    }

    private void LoadBlock() => _data.Reset(_reader.ReadDataBlock(_index.ValueSpan, _fillCache));
}
