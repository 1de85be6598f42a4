using BenchmarkDotNet.Attributes;
using EdgeDb.Tables;

namespace EdgeDb.Benchmarks.Tables;

/// <summary>
/// Bloom filter checks of random keys, half present, half absent, at 10 bits per key: the blocked layout (every probe
/// of a key in one 64-byte line) against the whole-array layout of older tables, with filters that fit the CPU's
/// caches (100,000 keys, 125 KB) and that do not (4,000,000 keys, 5 MB, about the filters of 4 GB of small entries).
/// Hashes are precomputed: this measures the probes, not XXH3. Results are recorded in docs/table-format.md.
/// </summary>
[ShortRunJob]
public class BloomFilterBenchmarks
{
    private const int Operations = 4096;

    private BloomFilter _filter = null!;
    private ulong[] _probes = [];

    [Params(100_000, 4_000_000)]
    public int Keys { get; set; }

    [Params(true, false)]
    public bool Blocked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var hashes = new List<ulong>(Keys);
        for (var i = 0; i < Keys; i++)
        {
            hashes.Add((ulong)random.NextInt64());
        }

        var block = BloomFilter.Build(hashes, bitsPerKey: 10, Blocked);
        _filter = BloomFilter.Open(block, block.Length, "bench.sst", 0);
        _probes = new ulong[Operations];
        for (var i = 0; i < Operations; i++)
        {
            _probes[i] = i % 2 == 0 ? hashes[random.Next(Keys)] : (ulong)random.NextInt64();
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int MayContain()
    {
        var found = 0;
        foreach (var probe in _probes)
        {
            found += _filter.MayContain(probe) ? 1 : 0;
        }

        return found;
    }
}
