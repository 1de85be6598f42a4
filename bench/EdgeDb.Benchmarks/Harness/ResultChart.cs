using EdgeDb.Benchmarks.Harness.Adapters;
using ScottPlot;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// A grouped bar chart, one colour per store: per workload, its ops/s relative to the best peer in the same class
/// (1.0 = the best peer), so workloads of very different rates share one linear axis. Every store is charted at
/// Flushed (a write reaches the OS before the call returns; all five have that mode) and at Synced for the synced
/// workloads, where the stores that do not fsync are left out. Absolute numbers, and Buffered, are in the table.
/// </summary>
internal static class ResultChart
{
    private static readonly string[] Charted = ["fillseq", "fillrandom", "overwrite", "readrandom", "readmissing", "scan", "deleterandom", "sync1", "sync8"];

    public static void Save(Report report, string path)
    {
        var set = new ResultSet(report.Results);
        var workloads = Charted.Where(w => set.Rows.Any(r => r.Result.Workload == w)).ToList();
        var stores = StoreNames.All.Where(s => set.Rows.Any(r => r.Result.Store == s)).ToList();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / Math.Max(1, stores.Count);
        for (var s = 0; s < stores.Count; s++)
        {
            var color = palette.GetColor(s);
            for (var w = 0; w < workloads.Count; w++)
            {
                var @class = workloads[w].StartsWith("sync", StringComparison.Ordinal) ? nameof(DurabilityClass.Synced) : nameof(DurabilityClass.Flushed);
                var row = set.Find(workloads[w], stores[s], @class);
                var peer = row is null || !row.Result.MeetsClass ? null : set.BestPeer(row);
                if (row is null || peer is null || peer.Result.OpsPerSecond <= 0)
                {
                    continue;
                }

                plot.Add.Bar(new Bar
                {
                    Position = w - 0.4 + width * (s + 0.5),
                    Value = row.Result.OpsPerSecond / peer.Result.OpsPerSecond,
                    Size = width * 0.9,
                    FillColor = color,
                    LineWidth = 0,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = stores[s], FillColor = color });
        }

        var line = plot.Add.HorizontalLine(1);
        line.LineColor = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, workloads.Count).Select(i => (double)i).ToArray(), workloads.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title($"ops/s / best peer, Flushed (sync1, sync8: Synced, fsyncing stores only); N = {report.N:N0}, 16 B keys, 100 B values");
        plot.YLabel("ops/s relative to the best peer");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1400, 600);
    }
}
