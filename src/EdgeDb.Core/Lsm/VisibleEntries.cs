using EdgeDb.MemTables;

namespace EdgeDb.Lsm;

/// <summary>
/// Turns a merged stream of versions into what a user sees at a snapshot: for each key, the newest version at or
/// below the snapshot, tombstones hidden, up to an exclusive end key.
/// </summary>
internal sealed class VisibleEntries
{
    private readonly IInternalIterator _source;
    private readonly byte[]? _end;
    private readonly ulong _snapshot;
    private ReadOnlyMemory<byte> _lastKey;
    private bool _hasLastKey;
    private bool _started;
    private readonly byte[] _start;

    public VisibleEntries(IInternalIterator source, byte[] start, byte[]? end, ulong snapshot)
    {
        _source = source;
        _start = start;
        _end = end;
        _snapshot = snapshot;
    }

    public ReadOnlyMemory<byte> Key { get; private set; }

    public ReadOnlyMemory<byte> Value { get; private set; }

    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            if (_start.Length == 0)
            {
                _source.SeekToFirst();
            }
            else
            {
                _source.Seek(_start, _snapshot);
            }
        }

        while (_source.Valid)
        {
            var key = _source.Key;
            if (_end is not null && key.SequenceCompareTo(_end) >= 0)
            {
                return false;
            }

            if (_source.Sequence > _snapshot || (_hasLastKey && key.SequenceEqual(_lastKey.Span)))
            {
                // Newer than the snapshot, or an older version of a key already decided.
                _source.MoveNext();
                continue;
            }

            // The newest visible version decides the key; KeyMemory is stable memory, kept to skip older versions.
            _lastKey = _source.KeyMemory;
            _hasLastKey = true;
            if (_source.Kind == MemTableEntryKind.Put)
            {
                Key = _lastKey;
                Value = _source.Value;
                _source.MoveNext();
                return true;
            }

            _source.MoveNext();
        }

        return false;
    }
}
