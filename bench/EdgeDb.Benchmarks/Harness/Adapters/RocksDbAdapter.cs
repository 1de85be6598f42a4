using RocksDbSharp;

namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>
/// RocksDB (the RocksDB NuGet package and its native library). Set up like EdgeDb's defaults so the comparison is of
/// engines, not of settings: 64 MiB write buffer, a 32 MiB LRU block cache, a 10-bit bloom filter per table (RocksDB
/// has none by default; EdgeDb always has one) and no compression (the values are random, and EdgeDb's default is none).
/// Writes are <c>sync=false</c> (the WAL is written to the OS on every write) or <c>sync=true</c> (fsync per write group).
/// </summary>
internal sealed class RocksDbAdapter : IStoreAdapter
{
    private readonly RocksDb _db;
    private readonly WriteOptions _writeOptions;
    private readonly ReadOptions _readOptions = new();

    public RocksDbAdapter(string directory, DurabilityClass durability)
    {
        if (durability == DurabilityClass.Buffered)
        {
            throw new NotSupportedException("RocksDB's buffered WAL (manual_wal_flush) is not exposed by the C# wrapper; compare it at Flushed.");
        }

        var table = new BlockBasedTableOptions()
            .SetBlockCache(Cache.CreateLru(32UL * 1024 * 1024))
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
            .SetWholeKeyFiltering(true);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetWriteBufferSize(64UL * 1024 * 1024)
            .SetCompression(Compression.No)
            .SetBlockBasedTableFactory(table);
        _db = RocksDb.Open(options, directory);
        var sync = durability == DurabilityClass.Synced;
        _writeOptions = new WriteOptions().SetSync(sync);
        DurabilityLabel = sync ? "sync=true" : "sync=false";
    }

    public string DurabilityLabel { get; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => _db.Put(key, value, null, _writeOptions);

    public bool TryGet(ReadOnlySpan<byte> key, out int valueLength)
    {
        var value = _db.Get(key, null, _readOptions);
        valueLength = value?.Length ?? 0;
        return value is not null;
    }

    public void Delete(ReadOnlySpan<byte> key) => _db.Remove(key, null, _writeOptions);

    public int Scan(ReadOnlySpan<byte> start, int count)
    {
        using var iterator = _db.NewIterator(null, _readOptions);
        iterator.Seek(start);
        var read = 0;
        while (read < count && iterator.Valid())
        {
            if (iterator.GetKeySpan().Length + iterator.GetValueSpan().Length == 0)
            {
                throw new InvalidOperationException("empty entry");
            }

            read++;
            iterator.Next();
        }

        return read;
    }

    public void Settle()
    {
        // WaitForCompact without flush: waits for background flushes and compactions, leaves the memtable in place.
        var options = Native.Instance.rocksdb_wait_for_compact_options_create();
        try
        {
            Native.Instance.rocksdb_wait_for_compact_options_set_flush(options, 0);
            Native.Instance.rocksdb_wait_for_compact(_db.Handle, options, out var error);
            if (error != IntPtr.Zero)
            {
                throw new InvalidOperationException("rocksdb_wait_for_compact failed");
            }
        }
        finally
        {
            Native.Instance.rocksdb_wait_for_compact_options_destroy(options);
        }
    }

    public void Dispose() => _db.Dispose();
}
