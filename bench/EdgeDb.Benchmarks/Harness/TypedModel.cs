using MemoryPack;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The typed-vs-raw model: a 16-byte key part (a Guid, encoded as its 16 bytes after the collection prefix) and a
/// 100-byte payload, as close to the raw workloads' 16-byte keys and 100-byte values as the typed layer gets.
/// </summary>
[MemoryPackable]
[EdgeCollection("bench_items")]
public partial record BenchItem([property: EdgeKey(0)] Guid Id, byte[] Payload);

/// <summary>The typed transaction benchmark's indexed model: <see cref="BenchItem"/> with an index on a small integer.</summary>
[MemoryPackable]
[EdgeCollection("bench_indexed_items")]
public partial record IndexedBenchItem([property: EdgeKey(0)] Guid Id, [property: EdgeIndex] int Shelf, byte[] Payload);
