using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// Which (store, durability class, workload group) child runs a harness run makes. Like is compared with like, by
/// what each store does per write (checked with strace: write and fsync calls per put): EdgeDb Buffered with
/// ZoneTree's default asynchronous WAL; EdgeDb Flushed with RocksDB sync=false, SQLite synchronous=NORMAL, ZoneTree's
/// Sync WAL and LiteDB (each writes to the OS per write, none fsyncs); the synced workloads put every store at its
/// most durable per-write mode, labelled where that is not an fsync (ZoneTree, LiteDB).
/// </summary>
internal static class RunPlan
{
    public sealed record Step(string Store, DurabilityClass Class, string Group);

    /// <summary>Workloads in report order, and the child group each belongs to.</summary>
    public static readonly (string Workload, string Group)[] Workloads =
    [
        ("fillseq", "fillseq"),
        ("fillrandom", "random"),
        ("overwrite", "random"),
        ("readrandom", "random"),
        ("readmissing", "random"),
        ("scan", "random"),
        ("deleterandom", "random"),
        ("sync1", "sync1"),
        ("sync8", "sync8"),
        ("typed", "raw"),
        ("typed", "typed"),
    ];

    /// <summary>The workloads whose result does not depend on the durability class (reads).</summary>
    public static bool IsRead(string workload) => workload is "readrandom" or "readmissing" or "scan" or "rawget" or "typedget";

    /// <summary>The class each store runs the non-synced workloads at.</summary>
    public static IEnumerable<DurabilityClass> MainClasses(string store) => store switch
    {
        StoreNames.EdgeDb or StoreNames.ZoneTree => [DurabilityClass.Buffered, DurabilityClass.Flushed],
        _ => [DurabilityClass.Flushed],
    };

    public static List<Step> Build(IReadOnlyCollection<string> stores, IReadOnlyCollection<string> workloads)
    {
        var groups = Workloads.Where(w => workloads.Contains(w.Workload)).Select(w => w.Group).Distinct().ToList();
        var steps = new List<Step>();
        foreach (var group in groups)
        {
            foreach (var store in StoreNames.All.Where(stores.Contains))
            {
                switch (group)
                {
                    case "sync1" or "sync8":
                        steps.Add(new Step(store, DurabilityClass.Synced, group));
                        break;
                    case "raw" or "typed":
                        if (store == StoreNames.EdgeDb)
                        {
                            steps.Add(new Step(store, DurabilityClass.Flushed, group));
                        }

                        break;
                    default:
                        steps.AddRange(MainClasses(store).Select(c => new Step(store, c, group)));
                        break;
                }
            }
        }

        return steps;
    }
}
