using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Tables;

public sealed class BlockCacheTests
{
    [Fact]
    public void Repeated_reads_hit_the_cache_instead_of_the_file()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 2000);
        var cache = new BlockCache(1 << 20);
        using var reader = TableReader.Open(path, 1, cache);

        Assert.True(reader.TryGet(Key(500), 1, out _, out _));
        Assert.Equal(1, reader.BlockReads);
        Assert.Equal(0, cache.Hits);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(reader.TryGet(Key(500), 1, out _, out var value));
            Assert.Equal(Value(500), value);
        }

        Assert.Equal(1, reader.BlockReads);
        Assert.Equal(10, cache.Hits);
        Assert.Equal(1, cache.Misses);

        // A scan fills the cache with every block; a second scan reads nothing from the file.
        using (var iterator = reader.CreateIterator())
        {
            while (iterator.MoveNext())
            {
            }
        }

        var readsAfterFirstScan = reader.BlockReads;
        Assert.Equal(reader.Properties.DataBlockCount, readsAfterFirstScan);
        using (var iterator = reader.CreateIterator())
        {
            var count = 0;
            while (iterator.MoveNext())
            {
                count++;
            }

            Assert.Equal(2000, count);
        }

        Assert.Equal(readsAfterFirstScan, reader.BlockReads);
    }

    [Fact]
    public async Task The_budget_holds_under_concurrent_readers_of_several_tables()
    {
        using var directory = new TempDirectory();
        const long Budget = 16 * 1024;
        var cache = new BlockCache(Budget);
        var readers = Enumerable.Range(1, 3).Select(n => TableReader.Open(WriteTable(directory, (ulong)n, keys: 3000), (ulong)n, cache)).ToArray();
        try
        {
            using var stop = new CancellationTokenSource();
            var maxSeen = 0L;
            var cancel = TestContext.Current.CancellationToken;
            var sampler = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    maxSeen = Math.Max(maxSeen, cache.UsedBytes);
                }
            }, cancel);

            var workers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                var random = new Random(t);
                for (var i = 0; i < 5000; i++)
                {
                    var k = random.Next(3000);
                    Assert.True(readers[random.Next(readers.Length)].TryGet(Key(k), 1, out _, out var value));
                    Assert.Equal(Value(k), value);
                    Assert.True(cache.UsedBytes <= Budget);
                }
            }, cancel)).ToArray();
            await Task.WhenAll(workers);
            await stop.CancelAsync();
            await sampler;

            Assert.True(maxSeen <= Budget, $"the cache held {maxSeen} bytes, over its {Budget}-byte budget");
            Assert.True(cache.Evictions > 0);
            Assert.True(cache.Hits > 0);
            Assert.True(cache.Count > 1);
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    [Fact]
    public void Least_recently_used_blocks_go_first_and_evicting_a_file_drops_only_its_blocks()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 10);
        using var reader = TableReader.Open(path, 1, cache: null);
        var block = reader.ReadDataBlock(reader.Index.Data.AsSpan(3 + Key(9).Length + 8, 12)); // the only index entry's handle
        var charge = BlockCache.ChargeOf(block);

        var cache = new BlockCache(3 * charge);
        cache.Insert(1, 0, block);
        cache.Insert(1, 100, block);
        cache.Insert(2, 0, block);
        Assert.True(cache.TryGet(1, 0, out _));       // (1, 0) is now the most recently used
        cache.Insert(2, 100, block);                  // evicts (1, 100), the least recently used
        Assert.False(cache.TryGet(1, 100, out _));
        Assert.True(cache.TryGet(1, 0, out _));
        Assert.Equal(3 * charge, cache.UsedBytes);

        cache.Evict(2);
        Assert.Equal(1, cache.Count);
        Assert.Equal(charge, cache.UsedBytes);
        Assert.False(cache.TryGet(2, 0, out _));

        var tiny = new BlockCache(charge - 1);
        tiny.Insert(1, 0, block);                     // larger than the whole budget: not cached
        Assert.Equal(0, tiny.Count);
        Assert.Equal(0, tiny.UsedBytes);
    }

    private static string WriteTable(TempDirectory directory, ulong number, int keys)
    {
        var path = directory.Combine(TableFileNames.FileName(number));
        using var writer = TableWriter.Create(path, new TableWriterOptions { BlockSize = 512 });
        for (var i = 0; i < keys; i++)
        {
            writer.Add(Key(i), 1, MemTableEntryKind.Put, Value(i));
        }

        writer.Finish();
        return path;
    }

    private static byte[] Key(int i) => Bytes.Of($"key-{i:D6}");

    private static byte[] Value(int i) => Bytes.Of($"value-{i}-{new string('x', i % 50)}");
}
