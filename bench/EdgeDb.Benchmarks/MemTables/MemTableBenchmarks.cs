using BenchmarkDotNet.Attributes;
using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Benchmarks.MemTables;

/// <summary>
/// Random inserts and lookups of N 16-byte keys with 100-byte values: EdgeDb's skip-list MemTable against the
/// prototype's sorted vector. Results are recorded in docs/memtable.md.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MemTableBenchmarks
{
    private byte[][] _keys = [];
    private byte[] _value = [];
    private MemTable _filledSkipList = new();
    private SortedVectorMemTable _filledVector = new();

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _keys = new byte[N][];
        for (var i = 0; i < N; i++)
        {
            _keys[i] = new byte[16];
            random.NextBytes(_keys[i]);
        }

        _value = new byte[100];
        _filledSkipList = new MemTable();
        _filledVector = new SortedVectorMemTable();
        for (var i = 0; i < N; i++)
        {
            _filledSkipList.Add((ulong)i + 1, EntryKind.Put, _keys[i], _value);
            _filledVector.Put(_keys[i], _value, (ulong)i + 1);
        }
    }

    [Benchmark(Description = "insert N random: skip list")]
    public long InsertSkipList()
    {
        var table = new MemTable();
        for (var i = 0; i < _keys.Length; i++)
        {
            table.Add((ulong)i + 1, EntryKind.Put, _keys[i], _value);
        }

        return table.Count;
    }

    [Benchmark(Description = "insert N random: sorted vector (prototype)")]
    public int InsertSortedVector()
    {
        var table = new SortedVectorMemTable();
        for (var i = 0; i < _keys.Length; i++)
        {
            // The prototype copied key and value into its entry, as the skip list does.
            table.Put(_keys[i].AsSpan().ToArray(), _value.AsSpan().ToArray(), (ulong)i + 1);
        }

        return table.Count;
    }

    [Benchmark(Description = "get N random: skip list")]
    public int GetSkipList()
    {
        var found = 0;
        foreach (var key in _keys)
        {
            found += _filledSkipList.TryGetVersion(key, ulong.MaxValue, out _) ? 1 : 0;
        }

        return found;
    }

    [Benchmark(Description = "get N random: sorted vector (prototype)")]
    public int GetSortedVector()
    {
        var found = 0;
        foreach (var key in _keys)
        {
            found += _filledVector.Get(key) is null ? 0 : 1;
        }

        return found;
    }
}
