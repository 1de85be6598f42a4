using EdgeDb.Lsm;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Lsm;

/// <summary>The leveled policy of docs/lsm.md, on table metadata alone.</summary>
public sealed class CompactionPickerTests
{
    private const long MemTable = 1024 * 1024;

    [Fact]
    public void Nothing_is_picked_while_every_level_is_under_its_target()
    {
        var picker = new CompactionPicker(MemTable);
        var levels = Levels(level0: [Table(1, "a", "z", 100), Table(2, "a", "z", 100), Table(3, "a", "z", 100)]);

        Assert.Null(picker.Pick(levels));
    }

    [Fact]
    public void Four_level_0_tables_compact_together_with_the_level_1_tables_they_overlap()
    {
        var picker = new CompactionPicker(MemTable);
        var levels = Levels(
            level0: [Table(5, "c", "f", 10), Table(6, "d", "g", 10), Table(7, "e", "h", 10), Table(8, "c", "d", 10)],
            level1: [Table(1, "a", "b", 10), Table(2, "c", "e", 10), Table(3, "g", "k", 10), Table(4, "m", "p", 10)]);

        var job = picker.Pick(levels)!;

        Assert.Equal(0, job.Level);
        Assert.Equal(1, job.OutputLevel);
        Assert.Equal([5UL, 6, 7, 8], job.Inputs.Select(t => t.Metadata.FileNumber).Order().ToArray());
        Assert.Equal([2UL, 3], job.NextLevelInputs.Select(t => t.Metadata.FileNumber));
        Assert.False(job.IsTrivialMove);
    }

    [Fact]
    public void The_level_furthest_over_its_target_goes_first()
    {
        var picker = new CompactionPicker(MemTable);

        // Level 1's target is 4 MiB: 6 MiB is a score of 1.5, above level 0's 4 tables / 4 = 1.
        var levels = Levels(
            level0: [Table(10, "a", "b", 1), Table(11, "a", "b", 1), Table(12, "a", "b", 1), Table(13, "a", "b", 1)],
            level1: [Table(1, "c", "d", 3 * MemTable), Table(2, "e", "f", 3 * MemTable)]);

        Assert.Equal(1, picker.Pick(levels)!.Level);
        Assert.Equal(4 * MemTable, picker.TargetBytes(1));
        Assert.Equal(40 * MemTable, picker.TargetBytes(2));
    }

    [Fact]
    public void A_deeper_level_walks_its_key_space_round_robin_and_a_lone_table_only_moves()
    {
        var picker = new CompactionPicker(MemTable);
        var levels = Levels(level1: [Table(1, "a", "b", 2 * MemTable), Table(2, "c", "d", 2 * MemTable), Table(3, "e", "f", 2 * MemTable)]);

        var picked = Enumerable.Range(0, 4).Select(_ => picker.Pick(levels)!).ToList();

        Assert.Equal([1UL, 2, 3, 1], picked.Select(j => j.Inputs.Single().Metadata.FileNumber));
        Assert.All(picked, job => Assert.True(job.IsTrivialMove, "nothing in level 2 overlaps, so the table only changes level"));
    }

    [Fact]
    public void The_last_level_is_never_compacted()
    {
        var picker = new CompactionPicker(MemTable);
        var levels = Levels();
        levels[^1] = [Table(1, "a", "z", long.MaxValue / 2)];

        Assert.Null(picker.Pick(levels));
    }

    private static IReadOnlyList<TableHandle>[] Levels(IReadOnlyList<TableHandle>? level0 = null, IReadOnlyList<TableHandle>? level1 = null)
    {
        var levels = new IReadOnlyList<TableHandle>[Manifest.MaxLevels];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = [];
        }

        levels[0] = level0 ?? [];
        levels[1] = level1 ?? [];
        return levels;
    }

    /// <summary>A table as the picker sees it: metadata only (the picker never reads a table, so it has no reader).</summary>
    private static TableHandle Table(ulong number, string smallest, string largest, long bytes) =>
        new(new TableMetadata(1, number, bytes, 1, 1, 1, Bytes.Of(smallest), Bytes.Of(largest)), reader: null!);
}
