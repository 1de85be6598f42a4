using System.Collections;
using EdgeDb.MemTables;

namespace EdgeDb;

/// <summary>
/// An ordered range of a store as of one moment: iterating it with <c>foreach</c> yields each live key once,
/// in ascending bytewise order, with the value it had when the scan was created. Writes made later are not
/// seen, and writes made during the iteration do not disturb it.
/// </summary>
public readonly struct EdgeScan : IEnumerable<EdgeEntry>
{
    private readonly EdgeStore _store;
    private readonly byte[] _start;
    private readonly byte[]? _end;
    private readonly ulong _snapshot;

    internal EdgeScan(EdgeStore store, byte[] start, byte[]? end, ulong snapshot)
    {
        _store = store;
        _start = start;
        _end = end;
        _snapshot = snapshot;
    }

    /// <summary>Starts an iteration.</summary>
    public Enumerator GetEnumerator() => new(_store, _start, _end, _snapshot);

    IEnumerator<EdgeEntry> IEnumerable<EdgeEntry>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Iterates an <see cref="EdgeScan"/> without allocating.</summary>
    public struct Enumerator : IEnumerator<EdgeEntry>
    {
        private readonly EdgeStore _store;
        private readonly byte[] _start;
        private readonly byte[]? _end;
        private readonly ulong _snapshot;
        private MemTableNode? _next;
        private bool _started;

        internal Enumerator(EdgeStore store, byte[] start, byte[]? end, ulong snapshot)
        {
            _store = store;
            _start = start;
            _end = end;
            _snapshot = snapshot;
            _next = null;
            _started = false;
            Current = default;
        }

        /// <summary>The entry at the current position.</summary>
        public EdgeEntry Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next live key in the range.</summary>
        /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
        public bool MoveNext()
        {
            _store.ThrowIfDisposed();
            if (!_started)
            {
                _started = true;
                _next = _store.MemTable.Seek(_start, _snapshot);
            }

            var node = _next;
            while (node is not null)
            {
                if (_end is not null && node.Key.AsSpan().SequenceCompareTo(_end) >= 0)
                {
                    break;
                }

                if (node.Sequence > _snapshot)
                {
                    // A version written after the scan began: the one it replaced follows.
                    node = node.NextInOrder;
                    continue;
                }

                // The newest version visible to the scan; the older ones of the same key are skipped.
                var visible = node;
                node = SkipVersionsOf(visible.Key, visible.NextInOrder);
                if (visible.Kind == MemTableEntryKind.Put)
                {
                    _next = node;
                    Current = new EdgeEntry(visible.Key, visible.Value);
                    return true;
                }
            }

            _next = null;
            Current = default;
            return false;
        }

        /// <summary>Not supported: start a new iteration instead.</summary>
        public readonly void Reset() => throw new NotSupportedException("Start a new foreach over the scan instead.");

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }

        private static MemTableNode? SkipVersionsOf(byte[] key, MemTableNode? node)
        {
            while (node is not null && node.Key.AsSpan().SequenceEqual(key))
            {
                node = node.NextInOrder;
            }

            return node;
        }
    }
}
