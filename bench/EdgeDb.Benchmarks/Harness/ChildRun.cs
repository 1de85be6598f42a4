using System.Globalization;
using System.Text.Json;
using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// One store, one durability class, one group of workloads, in this (child) process and a fresh directory, so that
/// peak RSS is the store's own and no store inherits another's page cache state or garbage. Each result goes to
/// stdout as a line "RESULT {json}" for the parent.
///   peers-child --store S --class C --group G --n N --dir D [--max-seconds 180] [--sync-ops 20000] [--scans 10]
/// </summary>
internal static class ChildRun
{
    public const string ResultPrefix = "RESULT ";

    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var store = a.Get("store");
        var durability = Enum.Parse<DurabilityClass>(a.Get("class"), ignoreCase: true);
        var group = a.Get("group");
        var n = a.Int("n", 1_000_000);
        var directory = a.Get("dir");
        var cap = TimeSpan.FromSeconds(a.Int("max-seconds", 180));
        var workloads = a.Get("workloads", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var keys = new KeySpace(n, a.Int("value-size", 100), seed: 42);
        bool Wanted(string w) => workloads.Count == 0 || workloads.Contains(w);

        if (group is "raw" or "typed")
        {
            return RunTyped(group, durability, keys, directory, cap);
        }

        using var adapter = StoreNames.Open(store, directory, durability);
        var w = new Workloads(adapter, keys, cap);
        void Report(string workload, long planned, (long Done, double Seconds) r, bool wrote, int threads = 1, string? note = null)
        {
            if (wrote)
            {
                adapter.Settle();
            }

            Emit(new WorkloadResult
            {
                Store = store,
                Class = durability.ToString(),
                Durability = adapter.DurabilityLabel,
                MeetsClass = adapter.MeetsClass,
                Workload = workload,
                Threads = threads,
                Planned = planned,
                Done = r.Done,
                Seconds = r.Seconds,
                BytesOnDisk = ProcessStats.DirectoryBytes(directory),
                PeakRssBytes = ProcessStats.PeakRss(),
                Note = r.Done < planned ? Join(note, $"time cap {cap.TotalSeconds:F0} s: {r.Done:N0} of {planned:N0} ops") : note,
            });
            ProcessStats.ResetPeak();
        }

        ProcessStats.ResetPeak();
        switch (group)
        {
            case "fillseq":
                Report("fillseq", n, w.FillSeq(), wrote: true);
                break;
            case "random":
                Report("fillrandom", n, w.FillRandom(), wrote: true);
                if (Wanted("overwrite"))
                {
                    Report("overwrite", n, w.Overwrite(seed: 1), wrote: true);
                }

                if (Wanted("readrandom"))
                {
                    var r = w.ReadRandom(seed: 2);
                    Report("readrandom", n, (r.Done, r.Seconds), wrote: false, note: r.Found == r.Done ? null : $"found {r.Found:N0} of {r.Done:N0}");
                }

                if (Wanted("readmissing"))
                {
                    var r = w.ReadMissing(seed: 3);
                    Report("readmissing", n, (r.Done, r.Seconds), wrote: false, note: r.Found == 0 ? null : $"found {r.Found:N0} missing keys");
                }

                if (Wanted("scan"))
                {
                    var scans = a.Int("scans", 10);
                    var length = Math.Min(Workloads.ScanLength, n);
                    Report("scan", (long)scans * length, w.Scan(scans, seed: 4), wrote: false, note: $"{scans} scans of {length:N0}; ops = entries");
                }

                if (Wanted("deleterandom"))
                {
                    Report("deleterandom", w.Loaded, w.DeleteRandom(), wrote: true);
                }

                break;
            case "sync1":
            case "sync8":
                var threads = group == "sync1" ? 1 : 8;
                var ops = a.Int("sync-ops", 20_000);
                Report(group, ops, w.ConcurrentPuts(ops, threads), wrote: true, threads);
                break;
            default:
                throw new ArgumentException($"Unknown group '{group}'.");
        }

        return 0;
    }

    private static int RunTyped(string group, DurabilityClass durability, KeySpace keys, string directory, TimeSpan cap)
    {
        var level = durability switch { DurabilityClass.Buffered => Durability.Buffered, DurabilityClass.Synced => Durability.Synced, _ => Durability.Flushed };
        using var store = EdgeStore.Open(directory, new EdgeStoreOptions { Durability = level });
        ProcessStats.ResetPeak();
        var runs = group == "raw" ? TypedVsRaw.Raw(store, keys, cap) : TypedVsRaw.Typed(store, keys, cap);
        foreach (var (workload, done, seconds) in runs)
        {
            store.WaitForBackgroundWork();
            Emit(new WorkloadResult
            {
                Store = StoreNames.EdgeDb,
                Class = durability.ToString(),
                Durability = level.ToString(),
                Workload = workload,
                Threads = 1,
                Planned = keys.Count,
                Done = done,
                Seconds = seconds,
                BytesOnDisk = ProcessStats.DirectoryBytes(directory),
                PeakRssBytes = ProcessStats.PeakRss(),
                Note = done < keys.Count ? $"time cap: {done:N0} of {keys.Count:N0} ops" : null,
            });
            ProcessStats.ResetPeak();
        }

        return 0;
    }

    private static void Emit(WorkloadResult result)
    {
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        Console.Out.Flush();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Store,-9} {result.Class,-8} {result.Workload,-12} {result.OpsPerSecond,12:N0} ops/s  {result.Done:N0} ops in {result.Seconds:F2} s"));
    }

    private static string Join(string? a, string b) => a is null ? b : a + "; " + b;
}
