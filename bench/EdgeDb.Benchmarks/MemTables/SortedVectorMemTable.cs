namespace EdgeDb.Benchmarks.MemTables;

/// <summary>
/// The prototype's MemTable, as its design notes describe it: a vector of entries kept sorted by key, found by
/// binary search, inserted by shifting everything after the slot (O(n) per insert). The baseline the skip list
/// is measured against; not used by the store.
/// </summary>
internal sealed class SortedVectorMemTable
{
    private readonly List<Entry> _entries = new();

    public int Count => _entries.Count;

    public void Put(byte[] key, byte[] value, ulong sequence)
    {
        var index = Find(key);
        if (index >= 0)
        {
            _entries[index] = new Entry(key, value, sequence);
        }
        else
        {
            _entries.Insert(~index, new Entry(key, value, sequence));
        }
    }

    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        var index = Find(key);
        return index >= 0 ? _entries[index].Value : null;
    }

    private int Find(ReadOnlySpan<byte> key)
    {
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = _entries[middle].Key.AsSpan().SequenceCompareTo(key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private readonly record struct Entry(byte[] Key, byte[] Value, ulong Sequence);
}
