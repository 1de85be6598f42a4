using BenchmarkDotNet.Attributes;

namespace EdgeDb.Benchmarks.Transactions;

/// <summary>
/// What a transaction's commit costs against a plain batch of the same writes (docs/transactions.md, "Cost"; the
/// bar is at most 1.3x): 100 puts of 16-byte keys and 100-byte values, committed as one <see cref="WriteBatch"/> or
/// as one <see cref="EdgeTransaction"/>, on a Flushed store. "contended" commits a transaction whose snapshot is
/// behind another writer's commit, so its validation looks every key up.
///   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*TransactionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class TransactionBenchmarks
{
    private const int Writes = 100;

    private const int Commits = 20;

    private readonly byte[] _key = new byte[16];
    private readonly byte[] _value = new byte[100];
    private readonly WriteBatch _batch = new();
    private string _directory = "";
    private EdgeStore _store = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edgedb-bench-tx-" + Guid.NewGuid().ToString("N"));
        _store = EdgeStore.Open(_directory);
        new Random(1).NextBytes(_value);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Commits, Description = "WriteBatch of 100 puts")]
    public void Batch()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            _batch.Clear();
            for (var i = 0; i < Writes; i++)
            {
                _batch.Put(NextKey(), _value);
            }

            _store.Write(_batch);
        }
    }

    [Benchmark(OperationsPerInvoke = Commits, Description = "transaction of 100 puts")]
    public void Transaction()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            using var tx = _store.BeginTransaction();
            for (var i = 0; i < Writes; i++)
            {
                tx.Put(NextKey(), _value);
            }

            tx.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Commits, Description = "transaction of 100 puts, validated (another commit after its snapshot)")]
    public void ContendedTransaction()
    {
        for (var commit = 0; commit < Commits; commit++)
        {
            using var tx = _store.BeginTransaction();
            for (var i = 0; i < Writes; i++)
            {
                tx.Put(NextKey(), _value);
            }

            _store.Put("other"u8, _value);
            tx.Commit();
        }
    }

    /// <summary>A new key every time (a fill, as the peers' fillrandom), in a buffer both sides copy from.</summary>
    private byte[] NextKey()
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(_key, _next++);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(_key.AsSpan(8), ~_next);
        return _key;
    }
}
