using System.Collections;
using EdgeDb.Lsm;

namespace EdgeDb;

/// <summary>
/// An ordered range of a store (or of a snapshot): iterating it with <c>foreach</c> yields each live key once, in
/// ascending bytewise order. An enumeration of a store sees it as of its first step; writes, flushes and
/// compactions during it do not disturb it. Dispose the enumerator (<c>foreach</c> does) to release what it holds.
/// </summary>
public readonly struct EdgeScan : IEnumerable<EdgeEntry>
{
    private readonly EdgeStore _store;
    private readonly IReadPoint? _snapshot;
    private readonly byte[] _start;
    private readonly byte[]? _end;

    internal EdgeScan(EdgeStore store, IReadPoint? snapshot, byte[] start, byte[]? end)
    {
        _store = store;
        _snapshot = snapshot;
        _start = start;
        _end = end;
    }

    /// <summary>Starts an iteration.</summary>
    public Enumerator GetEnumerator() => new(_store, _snapshot, _start, _end);

    IEnumerator<EdgeEntry> IEnumerable<EdgeEntry>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Iterates an <see cref="EdgeScan"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "It is disposable: IEnumerator<T> is IDisposable, and foreach disposes it; the rule misses that on a struct.")]
    public struct Enumerator : IEnumerator<EdgeEntry>
    {
        private readonly EdgeStore _store;
        private readonly IReadPoint? _snapshot;
        private readonly byte[] _start;
        private readonly byte[]? _end;
        private ReadState? _state;
        private VisibleEntries? _entries;
        private bool _finished;

        internal Enumerator(EdgeStore store, IReadPoint? snapshot, byte[] start, byte[]? end)
        {
            _store = store;
            _snapshot = snapshot;
            _start = start;
            _end = end;
            _state = null;
            _entries = null;
            _finished = false;
            Current = default;
        }

        /// <summary>The entry at the current position.</summary>
        public EdgeEntry Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next live key in the range.</summary>
        /// <exception cref="ObjectDisposedException">The store or the snapshot was disposed.</exception>
        /// <exception cref="EdgeCorruptionException">A table block the scan needs is damaged.</exception>
        public bool MoveNext()
        {
            if (_finished)
            {
                return false;
            }

            _store.ThrowIfDisposed();
            if (_entries is null)
            {
                // The state first, then the sequence number, as for point reads.
                _state = _snapshot?.AcquireState() ?? _store.AcquireState();
                var sequence = _snapshot?.Sequence ?? _store.ReadSequence(_state);
                _entries = new VisibleEntries(ScanSources.Merge(_state), _start, _end, sequence, _store.Clock);
            }

            if (_entries.MoveNext())
            {
                Current = new EdgeEntry(_entries.Key, _entries.Value);
                return true;
            }

            Dispose();
            return false;
        }

        /// <summary>Not supported: start a new iteration instead.</summary>
        public readonly void Reset() => throw new NotSupportedException("Start a new foreach over the scan instead.");

        /// <summary>Releases the MemTables and tables the iteration held.</summary>
        public void Dispose()
        {
            _finished = true;
            Current = default;

            // The iterators first: they release what they rented from the tables the state keeps open.
            _entries?.Dispose();
            _entries = null;
            var state = _state;
            _state = null;
            state?.Release();
        }
    }
}
