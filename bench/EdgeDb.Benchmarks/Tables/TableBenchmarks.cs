using BenchmarkDotNet.Attributes;
using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Format;

namespace EdgeDb.Benchmarks.Tables;

/// <summary>
/// Point lookups and seeks in one sorted table of 100,000 16-byte keys with 100-byte values (4 KiB blocks,
/// 10 bloom bits per key), with the block cache warm and without a cache (blocks re-read and CRC-checked
/// from the OS page cache every time, into the thread's scratch buffer). Each benchmark does 1,000 operations.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TableBenchmarks
{
    private const int Keys = 100_000;
    private const int Operations = 1_000;

    private string _directory = "";
    private byte[][] _present = [];
    private byte[][] _absent = [];
    private TableReader _cached = null!;
    private TableReader _uncached = null!;
    private TableIterator _iterator = null!;

    // A string because TableCompression is internal and benchmark parameters must be public.
    [Params("None", "Lz4")]
    public string Compression { get; set; } = "None";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edgedb-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var random = new Random(42);
        var keys = new byte[Keys][];
        for (var i = 0; i < Keys; i++)
        {
            keys[i] = new byte[16];
            random.NextBytes(keys[i]);
        }

        Array.Sort(keys, (a, b) => a.AsSpan().SequenceCompareTo(b));
        var value = new byte[100];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = (byte)(i % 13); // compressible, as typical values are
        }

        var path = Path.Combine(_directory, EdgeDb.Storage.StoreFileNames.Table(1));
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { Compression = Enum.Parse<TableCompression>(Compression) }))
        {
            foreach (var key in keys)
            {
                writer.Add(key, 1, EntryKind.Put, value);
            }

            writer.Finish();
        }

        _present = Enumerable.Range(0, Operations).Select(_ => keys[random.Next(Keys)]).ToArray();
        _absent = Enumerable.Range(0, Operations).Select(_ =>
        {
            var key = new byte[16];
            random.NextBytes(key);
            return key;
        }).ToArray();

        _cached = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 1, new BlockCache(64L << 20));
        _uncached = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 1, cache: null);
        _iterator = _cached.CreateIterator();

        // Twice: the cache admits a block on its second miss.
        Lookup(_cached);
        Lookup(_cached);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _iterator.Dispose();
        _cached.Dispose();
        _uncached.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "TryGet present, cache warm")]
    public int GetPresentCached() => Lookup(_cached);

    [Benchmark(OperationsPerInvoke = Operations, Description = "TryGet present, no cache")]
    public int GetPresentUncached() => Lookup(_uncached);

    [Benchmark(OperationsPerInvoke = Operations, Description = "TryGet absent (bloom filter)")]
    public int GetAbsent()
    {
        var found = 0;
        foreach (var key in _absent)
        {
            found += _cached.TryGet(key, ulong.MaxValue, out _, out _) ? 1 : 0;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "iterator Seek + 1 MoveNext, cache warm")]
    public long SeekCached()
    {
        long sum = 0;
        foreach (var key in _present)
        {
            _iterator.Seek(key, ulong.MaxValue);
            _iterator.MoveNext();
            sum += _iterator.Value.Length;
        }

        return sum;
    }

    private int Lookup(TableReader reader)
    {
        var found = 0;
        foreach (var key in _present)
        {
            found += reader.TryGet(key, ulong.MaxValue, out _, out _) ? 1 : 0;
        }

        return found;
    }
}
