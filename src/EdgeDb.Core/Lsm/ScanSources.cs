using EdgeDb.Format;
namespace EdgeDb.Lsm;

/// <summary>Builds the merged iterator over every source of a read state, for scans.</summary>
internal static class ScanSources
{
    public static MergingIterator Merge(ReadState state)
    {
        var sources = new List<IInternalIterator> { new MemTableIterator(state.Active) };
        foreach (var frozen in state.Immutables)
        {
            sources.Add(new MemTableIterator(frozen.Table));
        }

        foreach (var table in state.Levels[0])
        {
            sources.Add(TableIterators.Create(table.Reader));
        }

        for (var level = 1; level < state.Levels.Length; level++)
        {
            if (state.Levels[level].Count > 0)
            {
                sources.Add(new LevelIterator(state.Levels[level]));
            }
        }

        return new MergingIterator(sources);
    }
}
