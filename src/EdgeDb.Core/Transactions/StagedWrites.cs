using EdgeDb.Format;

namespace EdgeDb.Transactions;

/// <summary>One write a transaction has staged; the last one for a key replaces the earlier ones.</summary>
internal sealed class StagedWrite(byte[] key, EntryKind kind, byte[]? value)
{
    public byte[] Key { get; } = key;

    public EntryKind Kind { get; set; } = kind;

    public byte[]? Value { get; set; } = value;
}

/// <summary>
/// A transaction's writes, one per key: found by key for its reads (without copying the key), put in key order only
/// when a scan needs them, and handed to the commit as one batch.
/// </summary>
internal sealed class StagedWrites
{
    private readonly Dictionary<byte[], StagedWrite> _byKey = new(KeyEquality.Instance);
    private List<StagedWrite>? _sorted;

    public int Count => _byKey.Count;

    /// <summary>The keys written, each once.</summary>
    public IReadOnlyCollection<byte[]> Keys => _byKey.Keys;

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => Stage(key, EntryKind.Put, value.ToArray());

    public void PutExpiring(ReadOnlySpan<byte> key, byte[] storedValue) => Stage(key, EntryKind.PutExpiring, storedValue);

    public void Delete(ReadOnlySpan<byte> key) => Stage(key, EntryKind.Delete, null);

    /// <summary>The staged write of <paramref name="key"/>, or null.</summary>
    public StagedWrite? Find(ReadOnlySpan<byte> key) =>
        _byKey.Count > 0 && _byKey.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var found) ? found : null;

    /// <summary>The staged writes in [<paramref name="start"/>, <paramref name="end"/>) in key order; an empty start or a null end is open.</summary>
    public List<StagedWrite> Range(byte[] start, byte[]? end)
    {
        var sorted = _sorted ??= [.. _byKey.Values.OrderBy(w => w.Key, Lsm.KeyOrder.Instance)];
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle].Key.AsSpan().SequenceCompareTo(start) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var range = new List<StagedWrite>();
        for (var i = low; i < sorted.Count && (end is null || sorted[i].Key.AsSpan().SequenceCompareTo(end) < 0); i++)
        {
            range.Add(sorted[i]);
        }

        return range;
    }

    /// <summary>The staged writes as one batch, sized up front (keys are distinct, so their order does not matter).</summary>
    public WriteBatch ToBatch()
    {
        var size = 0L;
        foreach (var write in _byKey.Values)
        {
            size += write.Kind == EntryKind.Delete ? Writes.BatchPayload.MaxDeleteSize(write.Key.Length) : Writes.BatchPayload.MaxPutSize(write.Key.Length, write.Value!.Length);
        }

        var batch = new WriteBatch((int)Math.Min(size + Writes.BatchPayload.CountSize, FormatLimits.MaxBatchLength));
        foreach (var write in _byKey.Values)
        {
            if (write.Kind == EntryKind.Put)
            {
                batch.Put(write.Key, write.Value);
            }
            else if (write.Kind == EntryKind.PutExpiring)
            {
                batch.PutStored(write.Key, write.Value, write.Value!.Length - Expiry.Size);
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
        if (_byKey.Count > 0 && _byKey.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var existing))
        {
            existing.Kind = kind;
            existing.Value = value;
            return;
        }

        var copy = key.ToArray();
        _byKey.Add(copy, new StagedWrite(copy, kind, value));
        _sorted = null;
    }
}
