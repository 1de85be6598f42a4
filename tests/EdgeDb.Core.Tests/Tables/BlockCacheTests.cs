using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

public sealed class BlockCacheTests
{
    [Fact]
    public void While_the_cache_has_room_every_miss_is_cached_at_once()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 2000);
        var cache = new BlockCache(64 << 20);
        using var table = CountedTable.Open(path, 1, cache);
        var reader = table.Reader;

        Assert.True(reader.TryGet(Key(500), 1, out _, out var first));
        Assert.Equal(Value(500), first);
        Assert.Equal(1, cache.Count);
        Assert.True(reader.TryGet(Key(501), 1, out _, out var second));
        Assert.Equal(Value(501), second);
        Assert.Equal(1, table.BlockReads);
        Assert.Equal(1, cache.Hits);

        // One scan caches every block; the next reads nothing from the file.
        Assert.Equal(2000, Scan(reader));
        Assert.Equal(reader.Properties.DataBlockCount, cache.Count);
        var reads = table.BlockReads;
        Assert.Equal(2000, Scan(reader));
        Assert.Equal(reads, table.BlockReads);
        Assert.Equal(0, cache.Evictions);
    }

    [Fact]
    public void Once_the_cache_is_full_a_block_read_once_is_not_cached_and_a_block_read_twice_is_admitted_then_hits()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 2000);
        var cache = new BlockCache(64 << 20); // fingerprints for many times the table's blocks: no bucket overflows
        Fill(cache, directory);
        using var table = CountedTable.Open(path, 1, cache);
        var reader = table.Reader;

        // The first miss only leaves a fingerprint: nothing is inserted, so nothing is evicted.
        Assert.True(reader.TryGet(Key(500), 1, out _, out var first));
        Assert.Equal(Value(500), first);
        Assert.Equal(1, table.BlockReads);
        Assert.Equal(0, cache.Evictions);
        Assert.Equal(0, cache.Admissions);

        // The second miss of the same block admits it.
        Assert.True(reader.TryGet(Key(501), 1, out _, out var second));
        Assert.Equal(Value(501), second);
        Assert.Equal(2, table.BlockReads);
        Assert.Equal(1, cache.Admissions);
        Assert.True(cache.Evictions > 0);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(reader.TryGet(Key(500), 1, out _, out var value));
            Assert.Equal(Value(500), value);
        }

        Assert.Equal(2, table.BlockReads);
        Assert.Equal(10, cache.Hits);

        // A scan reads every other block once and caches none of them; a second scan of the range admits them all,
        // and a third reads nothing from the file.
        var blocks = reader.Properties.DataBlockCount;
        Assert.Equal(2000, Scan(reader));
        Assert.Equal(2 + blocks - 1, table.BlockReads);
        Assert.Equal(1, cache.Admissions);
        Assert.Equal(2000, Scan(reader));
        Assert.Equal(2 + (2 * (blocks - 1)), table.BlockReads);
        Assert.Equal(blocks, cache.Admissions);
        Assert.Equal(2000, Scan(reader));
        Assert.Equal(2 + (2 * (blocks - 1)), table.BlockReads);
    }

    [Fact]
    public void Compaction_reads_use_cached_blocks_but_neither_fill_the_cache_nor_count_towards_admission()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 2000);
        var cache = new BlockCache(1 << 20);
        Fill(cache, directory);
        using var table = CountedTable.Open(path, 1, cache);
        var reader = table.Reader;
        Assert.True(reader.TryGet(Key(0), 1, out _, out _));
        Assert.True(reader.TryGet(Key(0), 1, out _, out _));
        Assert.Equal(1, cache.Admissions);
        var evictions = cache.Evictions;

        var blocks = reader.Properties.DataBlockCount;
        for (var pass = 0; pass < 2; pass++)
        {
            Assert.Equal(2000, Scan(reader, fillCache: false));
        }

        // The cached first block was used both times; every other block was read from the file each time.
        Assert.Equal(2 + (2 * (blocks - 1)), table.BlockReads);
        Assert.Equal(1, cache.Admissions);
        Assert.Equal(evictions, cache.Evictions);

        // Nor did those reads leave fingerprints: a lookup's first miss of another block is still not admitted.
        Assert.True(reader.TryGet(Key(1999), 1, out _, out _));
        Assert.Equal(1, cache.Admissions);
    }

    [Fact]
    public void A_lookup_miss_allocates_nothing_for_the_block_once_the_thread_is_warm()
    {
        using var directory = new TempDirectory();
        var path = WriteTable(directory, 1, keys: 2000);
        using var table = CountedTable.Open(path, 1, cache: null);
        var reader = table.Reader;
        var keys = Enumerable.Range(0, 2000).Where(i => i % 17 == 0).Select(Key).ToArray();
        Assert.True(reader.TryGet(Key(7), 1, out _, out _)); // the thread's scratch buffers and the JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys)
        {
            Assert.True(reader.TryGet(key, 1, out _, out _));
        }

        var perLookup = (GC.GetAllocatedBytesForCurrentThread() - before) / keys.Length;

        // What remains is the returned value (an array of at most 80 bytes here), never a 512-byte block.
        Assert.True(perLookup < 128, $"a lookup allocated {perLookup} bytes");
        Assert.Equal(keys.Length + 1, table.BlockReads);
    }

    [Fact]
    public async Task The_budget_holds_under_concurrent_readers_of_several_tables()
    {
        using var directory = new TempDirectory();
        const long Budget = 16 * 1024;
        var cache = new BlockCache(Budget);
        var readers = Enumerable.Range(1, 3).Select(n => TableReader.Open(EdgeDb.Storage.FileSystem.Os, WriteTable(directory, (ulong)n, keys: 3000), (ulong)n, cache)).ToArray();
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
        using var table = CountedTable.Open(path, 1, cache: null);
        var reader = table.Reader;
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

    /// <summary>
    /// Fills the cache to its budget with copies of the smallest possible block (one entry, from file number 99), as a
    /// store's long run would. The room left is then smaller than any block, and stays so after each admission.
    /// </summary>
    private static void Fill(BlockCache cache, TempDirectory directory)
    {
        using var filler = TableReader.Open(EdgeDb.Storage.FileSystem.Os, WriteTable(directory, 99, keys: 1), 99, cache: null);
        var block = filler.ReadDataBlock(filler.Index.Data.AsSpan(3 + Key(0).Length + 8, 12)); // the only index entry's handle
        var charge = BlockCache.ChargeOf(block);
        for (long offset = 0; cache.UsedBytes + charge <= cache.CapacityBytes; offset += 4096)
        {
            cache.Insert(99, offset, block);
        }

        Assert.Equal(0, cache.Evictions);
    }

    private static int Scan(TableReader reader, bool fillCache = true)
    {
        using var iterator = reader.CreateIterator(fillCache);
        var count = 0;
        while (iterator.MoveNext())
        {
            Assert.Equal(Value(count), iterator.Value.ToArray());
            count++;
        }

        return count;
    }

    private static string WriteTable(TempDirectory directory, ulong number, int keys)
    {
        var path = directory.Combine(EdgeDb.Storage.StoreFileNames.Table(number));
        using var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BlockSize = 512 });
        for (var i = 0; i < keys; i++)
        {
            writer.Add(Key(i), 1, EntryKind.Put, Value(i));
        }

        writer.Finish();
        return path;
    }

    private static byte[] Key(int i) => Bytes.Of($"key-{i:D6}");

    private static byte[] Value(int i) => Bytes.Of($"value-{i}-{new string('x', i % 50)}");
}
