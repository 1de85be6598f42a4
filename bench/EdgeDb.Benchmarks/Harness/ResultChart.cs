using EdgeDb.Benchmarks.Harness.Adapters;
using ScottPlot;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// A grouped bar chart: per workload, each store's ops/s relative to the best peer in a comparable class (1.0 = the
/// best peer), so workloads of very different rates share one axis. Absolute numbers are in the table.
/// </summary>
internal static class ResultChart
{
    private static readonly string[] Charted = ["fillseq", "fillrandom", "overwrite", "readrandom", "readmissing", "scan", "deleterandom", "sync1", "sync8"];

    public static void Save(Report report, string path)
    {
        var set = new ResultSet(report.Results);
        var series = set.Rows
            .Where(r => Charted.Contains(r.Result.Workload))
            .Select(r => (r.Result.Store, r.Result.Class))
            .Distinct()
            .OrderBy(s => Array.IndexOf(StoreNames.All, s.Store)).ThenBy(s => s.Class)
            .ToList();
        var workloads = Charted.Where(w => set.Rows.Any(r => r.Result.Workload == w)).ToList();
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / Math.Max(1, series.Count);
        for (var s = 0; s < series.Count; s++)
        {
            var color = palette.GetColor(s);
            for (var w = 0; w < workloads.Count; w++)
            {
                var row = set.Rows.FirstOrDefault(r => r.Result.Workload == workloads[w] && r.Result.Store == series[s].Store && r.Result.Class == series[s].Class);
                var peer = row is null ? null : set.BestPeer(row);
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

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{series[s].Store} ({series[s].Class})", FillColor = color });
        }

        var line = plot.Add.HorizontalLine(1);
        line.LineColor = Colors.Black;
        line.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, workloads.Count).Select(i => (double)i).ToArray(), workloads.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title($"ops/s relative to the best peer in a comparable class (N = {report.N:N0}, 16 B keys, 100 B values)");
        plot.YLabel("ops/s / best peer");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1400, 600);
    }
}
