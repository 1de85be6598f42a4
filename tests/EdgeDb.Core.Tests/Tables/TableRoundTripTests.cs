using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

public sealed class TableRoundTripTests
{
    private const int BlockSize = 1024;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_entry_comes_back_in_order(byte compressionType)
    {
        var compression = (TableCompression)compressionType;
        using var directory = new TempDirectory();
        var model = TableModel.Random(seed: 1, distinctKeys: 1500, largeValueSize: 3 * BlockSize);
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(1));
        var written = model.Write(path, new TableWriterOptions { BlockSize = BlockSize, Compression = compression });

        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 1, new BlockCache(1 << 20));
        Assert.Equal(new FileInfo(path).Length, written.FileSize);
        Assert.Equal(written.SmallestKey, reader.Properties.SmallestKey);
        Assert.Equal(written.LargestKey, reader.Properties.LargestKey);
        var none = Array.Empty<byte>();
        Assert.Equal(written with { SmallestKey = none, LargestKey = none }, reader.Properties with { SmallestKey = none, LargestKey = none });
        Assert.Equal(model.Entries.Count, reader.Properties.EntryCount);
        Assert.Equal(model.Entries.Count(e => e.Kind == EntryKind.Delete), reader.Properties.DeleteCount);
        Assert.Equal(1500, reader.Properties.DistinctKeyCount);
        Assert.Equal(model.Entries[0].Key, reader.Properties.SmallestKey);
        Assert.Equal(model.Entries[^1].Key, reader.Properties.LargestKey);
        Assert.Equal(model.Entries.Min(e => e.Sequence), reader.Properties.MinSequence);
        Assert.Equal(model.MaxSequence, reader.Properties.MaxSequence);
        Assert.True(reader.Properties.DataBlockCount > 20);

        using var iterator = reader.CreateIterator();
        var index = 0;
        while (iterator.MoveNext())
        {
            var expected = model.Entries[index++];
            Assert.Equal(expected.Key, iterator.Key.ToArray());
            Assert.Equal(expected.Sequence, iterator.Sequence);
            Assert.Equal(expected.Kind, iterator.Kind);
            Assert.Equal(expected.Value, iterator.Value.ToArray());
        }

        Assert.Equal(model.Entries.Count, index);
        Assert.False(iterator.Valid);
        Assert.False(iterator.MoveNext());
    }

    [Fact]
    public void Compression_shrinks_compressible_tables_and_each_reads_back_the_same()
    {
        using var directory = new TempDirectory();
        var model = TableModel.Random(seed: 2, distinctKeys: 800, largeValueSize: 3 * BlockSize);
        var sizes = new Dictionary<TableCompression, long>();
        foreach (var compression in new[] { TableCompression.None, TableCompression.Lz4, TableCompression.Zstd })
        {
            var path = directory.Combine(compression + ".sst");
            sizes[compression] = model.Write(path, new TableWriterOptions { BlockSize = BlockSize, Compression = compression }).FileSize;
            using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 1, cache: null);
            Assert.Equal(compression, reader.Properties.Compression);
            var entry = model.Entries[model.Entries.Count / 2];
            Assert.True(reader.TryGet(entry.Key, entry.Sequence, out var kind, out _));
            Assert.Equal(entry.Kind, kind);
        }

        Assert.True(sizes[TableCompression.Lz4] < sizes[TableCompression.None] * 0.9, $"LZ4 {sizes[TableCompression.Lz4]} vs {sizes[TableCompression.None]}");
        Assert.True(sizes[TableCompression.Zstd] < sizes[TableCompression.Lz4], $"Zstd {sizes[TableCompression.Zstd]} vs LZ4 {sizes[TableCompression.Lz4]}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Lookups_at_every_snapshot_match_the_model(byte compressionType)
    {
        var compression = (TableCompression)compressionType;
        using var directory = new TempDirectory();
        var model = TableModel.Random(seed: 3, distinctKeys: 1000, largeValueSize: 3 * BlockSize);
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(3));
        model.Write(path, new TableWriterOptions { BlockSize = BlockSize, Compression = compression });
        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 3, new BlockCache(64 * 1024));

        var random = new Random(3);
        var snapshots = new List<ulong> { 0, 1, model.MaxSequence / 2, model.MaxSequence, ulong.MaxValue };
        foreach (var group in model.Entries.GroupBy(e => Convert.ToHexString(e.Key)))
        {
            var key = group.First().Key;
            var keySnapshots = snapshots.Concat(group.SelectMany(e => new[] { e.Sequence, e.Sequence - 1, e.Sequence + 1 }));
            foreach (var snapshot in keySnapshots)
            {
                AssertLookup(reader, model, key, snapshot);
            }

            // Keys next to a present one: a byte more, a byte less, the last byte changed.
            AssertLookup(reader, model, [.. key, 0x00], ulong.MaxValue);
            AssertLookup(reader, model, key[..^1], ulong.MaxValue);
            AssertLookup(reader, model, [.. key[..^1], (byte)(key[^1] ^ (1 << random.Next(8)))], ulong.MaxValue);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Seek_lands_on_the_first_entry_at_or_after_the_target(byte compressionType)
    {
        var compression = (TableCompression)compressionType;
        using var directory = new TempDirectory();
        var model = TableModel.Random(seed: 4, distinctKeys: 1000, largeValueSize: 3 * BlockSize);
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(4));
        model.Write(path, new TableWriterOptions { BlockSize = BlockSize, Compression = compression });
        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 4, cache: null);
        using var iterator = reader.CreateIterator();

        Assert.True(iterator.SeekToFirst());
        Assert.Equal(model.Entries[0].Key, iterator.Key.ToArray());

        var random = new Random(4);
        for (var i = 0; i < 2000; i++)
        {
            var basis = model.Entries[random.Next(model.Entries.Count)];
            byte[] key = random.Next(3) switch
            {
                0 => basis.Key,
                1 => [.. basis.Key, (byte)random.Next(256)],
                _ => basis.Key[..Math.Max(1, basis.Key.Length - 1)],
            };
            var sequence = random.Next(4) switch
            {
                0 => basis.Sequence,
                1 => ulong.MaxValue,
                2 => 0UL,
                _ => (ulong)random.NextInt64((long)model.MaxSequence + 2),
            };

            var expectedAt = model.LowerBound(key, sequence);
            var found = iterator.Seek(key, sequence);
            Assert.Equal(expectedAt < model.Entries.Count, found);
            for (var step = 0; step < 3 && expectedAt + step < model.Entries.Count; step++)
            {
                var expected = model.Entries[expectedAt + step];
                Assert.True(iterator.Valid);
                Assert.Equal(expected.Key, iterator.Key.ToArray());
                Assert.Equal(expected.Sequence, iterator.Sequence);
                Assert.Equal(expected.Value, iterator.Value.ToArray());
                iterator.MoveNext();
            }
        }

        Assert.False(iterator.Seek([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 0));
        Assert.False(iterator.Valid);
    }

    [Fact]
    public void A_table_of_one_large_value_round_trips()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(5));
        var value = new byte[1 << 20];
        new Random(5).NextBytes(value);
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { Compression = TableCompression.Zstd }))
        {
            writer.Add("a"u8, 7, EntryKind.Delete, []);
            writer.Add("b"u8, 9, EntryKind.Put, value);
            writer.Add("c"u8, 8, EntryKind.Put, []);
            writer.Finish();
        }

        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 5, new BlockCache(4096));
        Assert.True(reader.TryGet("b"u8, 9, out var kind, out var read));
        Assert.Equal(EntryKind.Put, kind);
        Assert.Equal(value, read);
        Assert.True(reader.TryGet("a"u8, 100, out kind, out read));
        Assert.Equal(EntryKind.Delete, kind);
        Assert.Null(read);
        Assert.True(reader.TryGet("c"u8, 100, out kind, out read));
        Assert.Equal(Array.Empty<byte>(), read);
        Assert.False(reader.TryGet("b"u8, 8, out _, out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_scans_and_lookups_on_one_reader_all_see_the_model(bool withCache)
    {
        using var directory = new TempDirectory();
        var model = TableModel.Random(seed: 6, distinctKeys: 600, largeValueSize: 3 * BlockSize);
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(6));
        model.Write(path, new TableWriterOptions { BlockSize = BlockSize, Compression = TableCompression.Lz4 });
        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 6, withCache ? new BlockCache(32 * 1024) : null);

        var workers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            using var iterator = reader.CreateIterator();
            var index = 0;
            while (iterator.MoveNext())
            {
                Assert.Equal(model.Entries[index].Key, iterator.Key.ToArray());
                Assert.Equal(model.Entries[index++].Sequence, iterator.Sequence);
            }

            Assert.Equal(model.Entries.Count, index);
            var random = new Random(t);
            for (var i = 0; i < 1000; i++)
            {
                var entry = model.Entries[random.Next(model.Entries.Count)];
                AssertLookup(reader, model, entry.Key, entry.Sequence);
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(workers);
    }

    private static void AssertLookup(TableReader reader, TableModel model, byte[] key, ulong snapshot)
    {
        var expected = model.Get(key, snapshot);
        var found = reader.TryGet(key, snapshot, out var kind, out var value);
        Assert.True(expected is not null == found, $"{Convert.ToHexString(key)} at {snapshot}: expected {expected}, found {found}");
        if (expected is not null)
        {
            Assert.Equal(expected.Kind, kind);
            Assert.Equal(expected.Kind == EntryKind.Put ? expected.Value : null, value);
        }
    }
}
