using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EdgeDb.Benchmarks.Harness;

namespace EdgeDb.Benchmarks.Transactions;

/// <summary>
/// The typed side of docs/transactions.md "Measured": 100 entities (16-byte Guid keys, 100-byte payloads) written
/// by a generated repository as one <c>PutMany</c> (the baseline of each category) or as 100 <c>Put(tx, entity)</c>
/// and one commit, on a Flushed store. "plain" is a collection without indexes (PutMany is one batch); "indexed"
/// has one index, so PutMany runs as a transaction of its own and both sides keep the index.
///   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*TypedTransactionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TypedTransactionBenchmarks
{
    private const int Writes = 100;

    private const int Commits = 20;

    private readonly BenchItem[] _items = new BenchItem[Writes];
    private readonly IndexedBenchItem[] _indexed = new IndexedBenchItem[Writes];
    private string _directory = "";
    private EdgeStore _store = null!;
    private BenchItemRepository _plain = null!;
    private IndexedBenchItemRepository _withIndex = null!;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edgedb-bench-typed-tx-" + Guid.NewGuid().ToString("N"));
        _store = EdgeStore.Open(_directory);
        _plain = new BenchItemRepository(_store);
        _withIndex = new IndexedBenchItemRepository(_store);
        _payload = new byte[100];
        new Random(1).NextBytes(_payload);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Commits, Description = "PutMany of 100")]
    [BenchmarkCategory("plain")]
    public void PlainPutMany()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            _plain.PutMany(NextItems());
        }
    }

    [Benchmark(OperationsPerInvoke = Commits, Description = "transaction of 100 Put(tx)")]
    [BenchmarkCategory("plain")]
    public void PlainTransaction()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            using var tx = _store.BeginTransaction();
            foreach (var item in NextItems())
            {
                _plain.Put(tx, item);
            }

            tx.Commit();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Commits, Description = "PutMany of 100")]
    [BenchmarkCategory("indexed")]
    public void IndexedPutMany()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            _withIndex.PutMany(NextIndexed());
        }
    }

    [Benchmark(OperationsPerInvoke = Commits, Description = "transaction of 100 Put(tx)")]
    [BenchmarkCategory("indexed")]
    public void IndexedTransaction()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            using var tx = _store.BeginTransaction();
            foreach (var item in NextIndexed())
            {
                _withIndex.Put(tx, item);
            }

            tx.Commit();
        }
    }

    /// <summary>New entities every commit (a fill), built the same way for both sides of a category.</summary>
    private BenchItem[] NextItems()
    {
        for (var i = 0; i < Writes; i++)
        {
            _items[i] = new BenchItem(Guid.NewGuid(), _payload);
        }

        return _items;
    }

    private IndexedBenchItem[] NextIndexed()
    {
        for (var i = 0; i < Writes; i++)
        {
            _indexed[i] = new IndexedBenchItem(Guid.NewGuid(), i % 16, _payload);
        }

        return _indexed;
    }
}
