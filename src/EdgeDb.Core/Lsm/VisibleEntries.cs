using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>
/// Turns a merged stream of versions into what a user sees at a snapshot: for each key, the newest version at or
/// below the snapshot, tombstones hidden, up to an exclusive end key.
/// </summary>
internal sealed class VisibleEntries : IDisposable
{
    private readonly IInternalIterator _source;
    private readonly byte[]? _end;
    private readonly ulong _snapshot;
    private readonly TimeProvider _clock;
    private byte[] _lastKey = new byte[64];
    private int _lastKeyLength = -1;
    private bool _started;
    private readonly byte[] _start;

    public VisibleEntries(IInternalIterator source, byte[] start, byte[]? end, ulong snapshot, TimeProvider clock)
    {
        _source = source;
        _clock = clock;
        _start = start;
        _end = end;
        _snapshot = snapshot;
    }

    public ReadOnlyMemory<byte> Key { get; private set; }

    public ReadOnlyMemory<byte> Value { get; private set; }

    /// <summary>Disposes the merged source.</summary>
    public void Dispose() => _source.Dispose();

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

            if (_source.Sequence > _snapshot || (_lastKeyLength >= 0 && key.SequenceEqual(_lastKey.AsSpan(0, _lastKeyLength))))
            {
                // Newer than the snapshot, or an older version of a key already decided.
                _source.MoveNext();
                continue;
            }

            // The newest visible version decides the key. It is remembered in a buffer of our own to skip older
            // versions; only a key actually yielded is asked for as stable memory (a table source copies it).
            RememberDecided(key);
            if (Expiry.TryVisible(_source.Kind, _source.Value, _clock, out var value))
            {
                Key = _source.KeyMemory;
                Value = value;
                _source.MoveNext();
                return true;
            }

            _source.MoveNext();
        }

        return false;
    }

    private void RememberDecided(ReadOnlySpan<byte> key)
    {
        if (_lastKey.Length < key.Length)
        {
            _lastKey = new byte[Math.Max(key.Length, _lastKey.Length * 2)];
        }

        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
    }
}
