namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The managed-heap cost of a workload: bytes allocated (all threads, so background flush and compaction count
/// too), collections per generation and GC pause time. Native stores (RocksDB, SQLite's engine) allocate outside the
/// managed heap, so for them it shows only what their .NET wrapper allocates.
/// </summary>
internal readonly record struct GcStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Pause)
{
    public static GcStats Now() => new(
        GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration());

    public static GcStats operator +(GcStats a, GcStats b) => new(
        a.AllocatedBytes + b.AllocatedBytes, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.Pause + b.Pause);

    public static GcStats operator -(GcStats after, GcStats before) => new(
        after.AllocatedBytes - before.AllocatedBytes,
        after.Gen0 - before.Gen0,
        after.Gen1 - before.Gen1,
        after.Gen2 - before.Gen2,
        after.Pause - before.Pause);
}
