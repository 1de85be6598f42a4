using System.Collections;
using EdgeDb.Format;
using EdgeDb.Transactions;

namespace EdgeDb;

/// <summary>
/// A range as an <see cref="EdgeTransaction"/> sees it: its snapshot's entries merged with its staged writes, in
/// ascending key order; a staged put replaces the snapshot's value, a staged delete hides the key. Iterate it with
/// <c>foreach</c>; the merge follows the transaction's writes as they were when the enumeration started.
/// </summary>
public sealed class EdgeTransactionScan : IEnumerable<EdgeEntry>
{
    private readonly EdgeStore _store;
    private readonly EdgeTransaction _transaction;
    private readonly byte[] _start;
    private readonly byte[]? _end;

    internal EdgeTransactionScan(EdgeStore store, EdgeTransaction transaction, byte[] start, byte[]? end)
    {
        _store = store;
        _transaction = transaction;
        _start = start;
        _end = end;
    }

    /// <summary>Starts an enumeration.</summary>
    public IEnumerator<EdgeEntry> GetEnumerator()
    {
        // The staged writes of the range are taken at the start, so writes during the enumeration do not move it.
        var staged = _transaction.StagedRange(_start, _end).Select(w => (w.Key, w.Kind, w.Value)).ToList();
        using var snapshot = new EdgeScan(_store, _transaction, _start, _end).GetEnumerator();
        var hasSnapshot = snapshot.MoveNext();
        var next = 0;
        while (hasSnapshot || next < staged.Count)
        {
            var order = !hasSnapshot ? 1 : next == staged.Count ? -1 : snapshot.Current.Key.Span.SequenceCompareTo(staged[next].Key);
            if (order < 0)
            {
                yield return snapshot.Current;
                hasSnapshot = snapshot.MoveNext();
                continue;
            }

            var (key, kind, value) = staged[next++];
            if (order == 0)
            {
                hasSnapshot = snapshot.MoveNext();
            }

            if (Expiry.TryVisible(kind, (ReadOnlyMemory<byte>)value, _store.Clock, out var visible))
            {
                yield return new EdgeEntry(key, visible);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
