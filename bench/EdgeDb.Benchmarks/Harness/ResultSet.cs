using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The results reduced to one row per (workload, store, class): the median run by ops/s over the repeats, and the
/// comparisons the report makes from those rows (best peer in a comparable class, group commit, typed overhead).
/// </summary>
internal sealed class ResultSet
{
    public static readonly string[] WorkloadOrder =
        ["fillseq", "fillrandom", "overwrite", "readrandom", "readmissing", "scan", "deleterandom", "sync1", "sync8", "rawput", "typedput", "rawget", "typedget"];

    public ResultSet(IEnumerable<WorkloadResult> results)
    {
        Rows = results
            .GroupBy(r => (r.Workload, r.Store, r.Class, r.Threads))
            .Select(g =>
            {
                var sorted = g.OrderBy(r => r.OpsPerSecond).ToList();
                return new Row(sorted[(sorted.Count - 1) / 2], sorted.Count, sorted.Select(r => r.OpsPerSecond).ToList());
            })
            .OrderBy(r => Array.IndexOf(WorkloadOrder, r.Result.Workload))
            .ThenBy(r => Array.IndexOf(StoreNames.All, r.Result.Store))
            .ThenBy(r => r.Result.Class)
            .ToList();
    }

    public sealed record Row(WorkloadResult Result, int Runs, IReadOnlyList<double> AllOpsPerSecond);

    public IReadOnlyList<Row> Rows { get; }

    /// <summary>
    /// The fastest non-EdgeDb row that may be compared with <paramref name="row"/>: same workload, and the same
    /// durability class unless the workload only reads, from a store that keeps that class's promise.
    /// </summary>
    public Row? BestPeer(Row row) => Rows
        .Where(p => p.Result.Store != StoreNames.EdgeDb && p.Result.Workload == row.Result.Workload && p.Result.MeetsClass)
        .Where(p => RunPlan.IsRead(row.Result.Workload) || p.Result.Class == row.Result.Class)
        .MaxBy(p => p.Result.OpsPerSecond);

    public Row? Find(string workload, string store, string? @class = null) =>
        Rows.FirstOrDefault(r => r.Result.Workload == workload && r.Result.Store == store && (@class is null || r.Result.Class == @class));
}
