using System.Globalization;
using System.Text;
using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>The markdown report of one harness run: machine, fsync limit, summary ratios and the full table.</summary>
internal static class ResultTable
{
    public static string Render(Report report)
    {
        var set = new ResultSet(report.Results);
        var md = new StringBuilder();
        md.AppendLine(Inv($"Measured {report.FinishedUtc:yyyy-MM-dd HH:mm} UTC with `{report.CommandLine}`."));
        md.AppendLine(Inv($"N = {report.N:N0}, 16-byte keys, 100-byte random (incompressible) values; each figure the median of {report.Repeat} run(s) by ops/s; one store call per operation (one write = one transaction) for every store."));
        md.AppendLine();
        md.AppendLine("| machine | |");
        md.AppendLine("| --- | --- |");
        foreach (var fact in report.Machine)
        {
            md.AppendLine($"| {fact.Name} | {fact.Value} |");
        }

        md.AppendLine();
        md.AppendLine("Raw sync rate of the disk (one thread, 128-byte writes, the physical limit for synced writes):");
        md.AppendLine();
        md.AppendLine("| method | syncs/s |");
        md.AppendLine("| --- | ---: |");
        foreach (var rate in report.Fsync)
        {
            md.AppendLine(Inv($"| {rate.Method} | {rate.PerSecond:N0} |"));
        }

        md.AppendLine();
        Summary(md, set);
        GroupCommit(md, set);
        Typed(md, set);
        Full(md, set);
        if (report.Failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Failed child runs: " + string.Join("; ", report.Failures));
        }

        return md.ToString();
    }

    private static void Summary(StringBuilder md, ResultSet set)
    {
        md.AppendLine("EdgeDb against the best peer in a comparable class (the same durability class for writes, any for reads):");
        md.AppendLine();
        md.AppendLine("| workload | EdgeDb (durability) | EdgeDb ops/s | best peer (durability) | peer ops/s | EdgeDb / peer |");
        md.AppendLine("| --- | --- | ---: | --- | ---: | ---: |");
        foreach (var row in set.Rows.Where(r => r.Result.Store == StoreNames.EdgeDb && !r.Result.Workload.StartsWith("raw", StringComparison.Ordinal) && !r.Result.Workload.StartsWith("typed", StringComparison.Ordinal)))
        {
            var peer = set.BestPeer(row);
            var e = row.Result;
            md.AppendLine(peer is null
                ? Inv($"| {e.Workload} | {e.Durability} | {e.OpsPerSecond:N0} | (none) | | |")
                : Inv($"| {e.Workload} | {e.Durability} | {e.OpsPerSecond:N0} | {peer.Result.Store} ({peer.Result.Durability}) | {peer.Result.OpsPerSecond:N0} | {e.OpsPerSecond / peer.Result.OpsPerSecond:F2} |"));
        }

        md.AppendLine();
    }

    private static void GroupCommit(StringBuilder md, ResultSet set)
    {
        md.AppendLine("Synced writes, 8 writers against 1 (group commit shares an fsync among the writers waiting for it):");
        md.AppendLine();
        md.AppendLine("| store | durability | 1 writer ops/s | 8 writers ops/s | 8 / 1 |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var store in StoreNames.All)
        {
            var one = set.Find("sync1", store);
            var eight = set.Find("sync8", store);
            if (one is not null && eight is not null)
            {
                md.AppendLine(Inv($"| {store} | {one.Result.Durability} | {one.Result.OpsPerSecond:N0} | {eight.Result.OpsPerSecond:N0} | {eight.Result.OpsPerSecond / one.Result.OpsPerSecond:F2} |"));
            }
        }

        md.AppendLine();
    }

    private static void Typed(StringBuilder md, ResultSet set)
    {
        var pairs = new[] { ("put", "rawput", "typedput"), ("get", "rawget", "typedget") };
        if (set.Find("rawput", StoreNames.EdgeDb) is null)
        {
            return;
        }

        md.AppendLine("Typed repository against the raw byte API on the same bytes (EdgeDb; each put fills a store of its own, both gets read the typed put's store in alternating rounds; time per op, typed / raw):");
        md.AppendLine();
        md.AppendLine("| op | raw ops/s | typed ops/s | typed time / raw time |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var (op, raw, typed) in pairs)
        {
            var r = set.Find(raw, StoreNames.EdgeDb);
            var t = set.Find(typed, StoreNames.EdgeDb);
            if (r is not null && t is not null)
            {
                md.AppendLine(Inv($"| {op} | {r.Result.OpsPerSecond:N0} | {t.Result.OpsPerSecond:N0} | {r.Result.OpsPerSecond / t.Result.OpsPerSecond:F2} |"));
            }
        }

        md.AppendLine();
    }

    private static void Full(StringBuilder md, ResultSet set)
    {
        md.AppendLine("Every row (`/ best peer`: ops/s over the best non-EdgeDb store in a comparable class; disk: bytes in the store's directory after its background work settled, WAL included; peak RSS: the child process's VmHWM during that workload; alloc: managed bytes allocated per op, all threads, before the settle (native stores allocate outside the managed heap); GC: collections gen0/gen1/gen2 during it):");
        md.AppendLine();
        md.AppendLine("| workload | store | class | durability | threads | ops/s | / best peer | disk MiB | peak RSS MiB | alloc B/op | GC | ops | runs (ops/s) | note |");
        md.AppendLine("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |");
        foreach (var row in set.Rows)
        {
            var r = row.Result;
            var peer = set.BestPeer(row);
            var ratio = peer is null ? "" : Inv($"{r.OpsPerSecond / peer.Result.OpsPerSecond:F2}");
            var runs = string.Join(", ", row.AllOpsPerSecond.Select(o => Inv($"{o:N0}")));
            md.AppendLine(Inv($"| {r.Workload} | {r.Store} | {r.Class} | {r.Durability} | {r.Threads} | {r.OpsPerSecond:N0} | {ratio} | {r.BytesOnDisk / 1048576.0:F1} | {r.PeakRssBytes / 1048576.0:F0} | {(r.Collections is null ? "" : Inv($"{r.AllocatedBytesPerOp:N0}"))} | {r.Collections} | {r.Done:N0} | {runs} | {r.Note} |"));
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
