using EdgeDb.Format;
using EdgeDb.Lsm;

namespace EdgeDb.Transactions;

/// <summary>One write a transaction has staged; the last one for a key replaces the earlier ones.</summary>
internal sealed class StagedWrite(byte[] key, EntryKind kind, byte[]? value)
{
    public byte[] Key { get; } = key;

    public EntryKind Kind { get; set; } = kind;

    public byte[]? Value { get; set; } = value;
}

/// <summary>
/// A transaction's writes, kept in key order so that its reads and scans can merge them with its snapshot, and its
/// commit can hand them over as one batch.
/// </summary>
internal sealed class StagedWrites
{
    private static readonly Comparer<StagedWrite> ByKey = Comparer<StagedWrite>.Create((a, b) => KeyOrder.Instance.Compare(a.Key, b.Key));

    private readonly SortedSet<StagedWrite> _writes = new(ByKey);

    public int Count => _writes.Count;

    public IEnumerable<StagedWrite> All => _writes;

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Stage(key, EntryKind.Put, value.ToArray());

    public void Delete(ReadOnlySpan<byte> key) => Stage(key, EntryKind.Delete, null);

    /// <summary>The staged write of <paramref name="key"/>, or null.</summary>
    public StagedWrite? Find(ReadOnlySpan<byte> key) =>
        _writes.Count > 0 && _writes.TryGetValue(new StagedWrite(key.ToArray(), EntryKind.Put, null), out var found) ? found : null;

    /// <summary>The staged writes in [<paramref name="start"/>, <paramref name="end"/>) in key order; an empty start or a null end is open.</summary>
    public IEnumerable<StagedWrite> Range(byte[] start, byte[]? end)
    {
        foreach (var write in _writes)
        {
            if (write.Key.AsSpan().SequenceCompareTo(start) < 0)
            {
                continue;
            }

            if (end is not null && write.Key.AsSpan().SequenceCompareTo(end) >= 0)
            {
                yield break;
            }

            yield return write;
        }
    }

    /// <summary>The staged writes as one batch, in key order.</summary>
    public WriteBatch ToBatch()
    {
        var batch = new WriteBatch();
        foreach (var write in _writes)
        {
            if (write.Kind == EntryKind.Put)
            {
                batch.Put(write.Key, write.Value);
            }
            else
            {
                batch.Delete(write.Key);
            }
        }

        return batch;
    }

    private void Stage(ReadOnlySpan<byte> key, EntryKind kind, byte[]? value)
    {
        var probe = new StagedWrite(key.ToArray(), kind, value);
        if (_writes.TryGetValue(probe, out var existing))
        {
            existing.Kind = kind;
            existing.Value = value;
            return;
        }

        _writes.Add(probe);
    }
}
