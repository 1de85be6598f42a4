namespace EdgeDb.Lsm;

/// <summary>
/// Search in a level below 0, whose tables hold disjoint key ranges sorted by key (the manifest checks this on
/// open): one binary search on the tables' largest keys serves point reads and scans alike.
/// </summary>
internal static class SortedLevel
{
    /// <summary>The index of the first table whose largest key is not below <paramref name="key"/>; the count when none is.</summary>
    public static int FirstNotBefore(IReadOnlyList<TableHandle> level, ReadOnlySpan<byte> key)
    {
        int low = 0, high = level.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (level[middle].Metadata.LargestKey.AsSpan().SequenceCompareTo(key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>The table whose key range could hold <paramref name="key"/>, or null.</summary>
    public static TableHandle? Covering(IReadOnlyList<TableHandle> level, ReadOnlySpan<byte> key)
    {
        var index = FirstNotBefore(level, key);
        return index < level.Count && level[index].Metadata.SmallestKey.AsSpan().SequenceCompareTo(key) <= 0 ? level[index] : null;
    }
}
