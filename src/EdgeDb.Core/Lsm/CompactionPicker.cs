namespace EdgeDb.Lsm;

/// <summary>One compaction: tables of <see cref="Level"/> merged with the overlapping tables of the next level.</summary>
internal sealed record CompactionJob(int Level, IReadOnlyList<TableHandle> Inputs, IReadOnlyList<TableHandle> NextLevelInputs, bool Rewrite = false)
{
    public int OutputLevel => Level + 1;

    /// <summary>
    /// One table with nothing to merge with below it (not from level 0, whose tables may overlap each other): it only
    /// changes level. Never for a <see cref="Rewrite"/>, whose point is to drop what is deleted or expired.
    /// </summary>
    public bool IsTrivialMove => !Rewrite && Level > 0 && Inputs.Count == 1 && NextLevelInputs.Count == 0;

    /// <summary>
    /// Every table of every level merged into the last level (<see cref="EdgeStore.Compact"/>): deletes and expired
    /// versions are dropped for good, as nothing lies deeper. Null when the store has no table to compact.
    /// </summary>
    public static CompactionJob? Everything(IReadOnlyList<TableHandle>[] levels)
    {
        var last = levels.Length - 1;
        var inputs = levels.Take(last).SelectMany(level => level).ToList();
        return inputs.Count == 0 && levels[last].Count == 0 ? null : new CompactionJob(last - 1, inputs, levels[last], Rewrite: true);
    }

    public IEnumerable<TableHandle> AllInputs => Inputs.Concat(NextLevelInputs);
}

/// <summary>
/// Chooses the next compaction by the leveled policy of docs/lsm.md: the level with the highest score (level 0:
/// tables / trigger; deeper: bytes / target), when that score is at least 1.
/// </summary>
internal sealed class CompactionPicker(long memTableSizeBytes)
{
    public const int Level0Trigger = 4;

    // Where the last compaction of each level ended, so successive ones walk the key space round-robin.
    private readonly byte[]?[] _pointers = new byte[Manifest.MaxLevels][];

    /// <summary>The byte target of a level (1 and deeper).</summary>
    public long TargetBytes(int level)
    {
        var target = 4 * memTableSizeBytes;
        for (var i = 1; i < level; i++)
        {
            target *= 10;
        }

        return target;
    }

    public double Score(IReadOnlyList<TableHandle>[] levels, int level) =>
        level == 0
            ? (double)levels[0].Count / Level0Trigger
            : (double)levels[level].Sum(t => t.Metadata.FileSize) / TargetBytes(level);

    public CompactionJob? Pick(IReadOnlyList<TableHandle>[] levels)
    {
        var bestLevel = -1;
        var bestScore = 1.0;

        // The last level has nowhere to go.
        for (var level = 0; level < Manifest.MaxLevels - 1; level++)
        {
            var score = Score(levels, level);
            if (score >= bestScore)
            {
                bestScore = score;
                bestLevel = level;
            }
        }

        if (bestLevel < 0)
        {
            return null;
        }

        IReadOnlyList<TableHandle> inputs;
        if (bestLevel == 0)
        {
            inputs = levels[0];
        }
        else
        {
            var pointer = _pointers[bestLevel];
            var chosen = levels[bestLevel].FirstOrDefault(t => pointer is null || t.Metadata.SmallestKey.AsSpan().SequenceCompareTo(pointer) > 0)
                ?? levels[bestLevel][0];
            inputs = [chosen];
        }

        var smallest = inputs.Select(t => t.Metadata.SmallestKey).Min(KeyOrder.Instance)!;
        var largest = inputs.Select(t => t.Metadata.LargestKey).Max(KeyOrder.Instance)!;
        _pointers[bestLevel] = largest;
        var below = levels[bestLevel + 1].Where(t => t.Metadata.Overlaps(smallest, largest)).ToList();
        return new CompactionJob(bestLevel, inputs, below);
    }
}

/// <summary>Bytewise order of keys.</summary>
internal sealed class KeyOrder : IComparer<byte[]>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
