using BenchmarkDotNet.Attributes;
using EdgeDb.Benchmarks.Harness;
using EdgeDb.Wal;
using MemoryPack;
using EdgeDb.Format;

namespace EdgeDb.Benchmarks.HotPaths;

/// <summary>
/// The small per-operation costs under every put and get, apart: the CRC32C of a WAL record and of a table block,
/// the typed layer's key encoding and value serialization, and staging a put in a batch. The MemTable and block
/// search have their own classes (MemTables/, Tables/).
///   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*HotPath*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HotPathBenchmarks
{
    private readonly byte[] _record = new byte[16 + 100 + 16];
    private readonly byte[] _block = new byte[4096];
    private readonly byte[] _keyBuffer = new byte[BenchItemKey.MaxEncodedLength];
    private readonly WriteBatch _batch = new();
    private BenchItem _item = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_record);
        new Random(2).NextBytes(_block);
        var payload = new byte[100];
        new Random(3).NextBytes(payload);
        _item = new BenchItem(Guid.NewGuid(), payload);
    }

    [Benchmark(Description = "CRC32C of a 132-byte WAL record")]
    public uint CrcRecord() => Crc32C.Compute(_record);

    [Benchmark(Description = "CRC32C of a 4 KiB block")]
    public uint CrcBlock() => Crc32C.Compute(_block);

    [Benchmark(Description = "typed key encode (collection prefix + Guid)")]
    public int EncodeKey() => BenchItemKey.Of(_item).Encode(_keyBuffer);

    [Benchmark(Description = "typed value serialize (MemoryPack, Guid + 100 B)")]
    public int SerializeValue() => MemoryPackSerializer.Serialize(_item).Length;

    [Benchmark(Description = "WriteBatch: clear + stage one put")]
    public int StagePut()
    {
        _batch.Clear();
        _batch.Put(_record.AsSpan(0, 16), _record.AsSpan(16, 100));
        return _batch.EncodedSize;
    }
}
