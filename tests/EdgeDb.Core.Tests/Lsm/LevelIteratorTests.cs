using EdgeDb.Format;
using EdgeDb.Lsm;
using EdgeDb.Storage;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Lsm;

/// <summary>A sorted level walked as one sequence: across table boundaries, from any seek, one open table at a time.</summary>
public sealed class LevelIteratorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<TableHandle> _level = [];

    public LevelIteratorTests()
    {
        // Three tables with disjoint ranges: k00..k09, k10..k19, k30..k39 (a gap between the second and the third).
        foreach (var (number, first) in new[] { (1UL, 0), (2UL, 10), (3UL, 30) })
        {
            var path = _dir.Combine(StoreFileNames.Table(number));
            using (var writer = TableWriter.Create(FileSystem.Os, path, new TableWriterOptions()))
            {
                for (var i = first; i < first + 10; i++)
                {
                    writer.Add(Bytes.Of($"k{i:D2}"), (ulong)(100 + i), EntryKind.Put, Bytes.Of($"v{i}"));
                }

                var properties = writer.Finish();
                var reader = TableReader.Open(FileSystem.Os, path, number, cache: null);
                var handle = new TableHandle(TableWriterSettings.ToMetadata(1, number, properties), reader);
                handle.AddReference();
                _level.Add(handle);
            }
        }
    }

    public void Dispose()
    {
        foreach (var handle in _level)
        {
            handle.Release();
        }

        _dir.Dispose();
    }

    [Fact]
    public void A_walk_from_the_start_crosses_every_table_in_order()
    {
        using var level = new LevelIterator(_level);

        level.SeekToFirst();

        var keys = Drain.All(level).Select(k => k[..3]).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Concat(Enumerable.Range(30, 10)).Select(i => $"k{i:D2}"), keys);
    }

    [Theory]
    [InlineData("k05", "k05")]   // inside the first table
    [InlineData("k09", "k09")]   // the last key of a table
    [InlineData("k095", "k10")]  // between two tables: the next table's first key
    [InlineData("k25", "k30")]   // in the gap
    [InlineData("a", "k00")]     // before everything
    public void A_seek_lands_on_the_first_key_at_or_after_it(string sought, string expected)
    {
        using var level = new LevelIterator(_level);

        level.Seek(Bytes.Of(sought), ulong.MaxValue >> 8);

        Assert.True(level.Valid);
        Assert.Equal(expected, Bytes.Text(level.KeyMemory));
    }

    [Fact]
    public void A_seek_past_the_last_table_is_the_end()
    {
        using var level = new LevelIterator(_level);

        level.Seek(Bytes.Of("k40"), ulong.MaxValue >> 8);

        Assert.False(level.Valid);
    }

    [Fact]
    public void An_empty_level_is_empty()
    {
        using var level = new LevelIterator([]);
        level.SeekToFirst();
        Assert.False(level.Valid);
    }
}
