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
            return RunTyped(group, durability, keys, directory, cap, a.Has("alloc-types"));
        }

        using var sampler = a.Has("alloc-types") ? new AllocationSampler() : null;
        using var adapter = StoreNames.Open(store, directory, durability);
        var w = new Workloads(adapter, keys, cap);
        var gcBefore = GcStats.Now();
        void Report(string workload, long planned, (long Done, double Seconds) r, bool wrote, int threads = 1, string? note = null)
        {
            // Measured before the settle: what the calls themselves cost (background work running meanwhile included).
            var gc = GcStats.Now() - gcBefore;
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
                Note = r.Done >= planned ? note
                    : r.Seconds >= cap.TotalSeconds ? Join(note, $"time cap {cap.TotalSeconds:F0} s: {r.Done:N0} of {planned:N0} ops")
                    : Join(note, $"{r.Done:N0} of {planned:N0}: fewer keys loaded (the fill stopped at the time cap)"),
                AllocatedBytesPerOp = r.Done > 0 ? (double)gc.AllocatedBytes / r.Done : 0,
                Collections = $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2}",
                GcPauseMs = gc.Pause.TotalMilliseconds,
                TopAllocations = Describe(sampler),
            });
            ProcessStats.ResetPeak();
            gcBefore = GcStats.Now();
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

    private static int RunTyped(string group, DurabilityClass durability, KeySpace keys, string directory, TimeSpan cap, bool sampleTypes)
    {
        using var sampler = sampleTypes ? new AllocationSampler() : null;
        var level = durability switch { DurabilityClass.Buffered => Durability.Buffered, DurabilityClass.Synced => Durability.Synced, _ => Durability.Flushed };
        using var store = EdgeStore.Open(directory, new EdgeStoreOptions { Durability = level });
        ProcessStats.ResetPeak();
        var steps = group == "raw" ? TypedVsRaw.Raw(store, keys) : TypedVsRaw.Typed(store, keys);
        // A workload that runs more than once (the alternating gets) is reported once, over all of its rounds.
        var totals = new Dictionary<string, (long Done, double Seconds, GcStats Gc, long PeakRss)>();
        var order = new List<string>();
        long put = keys.Count;
        foreach (var step in steps)
        {
            var gcBefore = GcStats.Now();
            var (done, seconds) = TypedVsRaw.Timed(step.ReadsWhatWasPut ? (int)put : keys.Count, cap, step.Op);
            put = step.ReadsWhatWasPut ? put : done;
            var gc = GcStats.Now() - gcBefore;
            store.WaitForBackgroundWork();
            if (!totals.TryGetValue(step.Workload, out var total))
            {
                order.Add(step.Workload);
            }

            totals[step.Workload] = (total.Done + done, total.Seconds + seconds, total.Gc + gc, Math.Max(total.PeakRss, ProcessStats.PeakRss()));
            ProcessStats.ResetPeak();
        }

        foreach (var workload in order)
        {
            var (done, seconds, gc, peakRss) = totals[workload];
            var rounds = steps.Count(s => s.Workload == workload);
            var planned = (long)keys.Count * rounds;
            Emit(new WorkloadResult
            {
                Store = StoreNames.EdgeDb,
                Class = durability.ToString(),
                Durability = level.ToString(),
                Workload = workload,
                Threads = 1,
                Planned = planned,
                Done = done,
                Seconds = seconds,
                BytesOnDisk = ProcessStats.DirectoryBytes(directory),
                PeakRssBytes = peakRss,
                Note = done < planned ? $"time cap: {done:N0} of {planned:N0} ops" : rounds > 1 ? $"{rounds} rounds, alternating with the other get" : null,
                AllocatedBytesPerOp = done > 0 ? (double)gc.AllocatedBytes / done : 0,
                Collections = $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2}",
                GcPauseMs = gc.Pause.TotalMilliseconds,
                TopAllocations = Describe(sampler),
            });
        }

        return 0;
    }

    private static void Emit(WorkloadResult result)
    {
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        Console.Out.Flush();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.Store,-9} {result.Class,-8} {result.Workload,-12} {result.OpsPerSecond,12:N0} ops/s  {result.Done:N0} ops in {result.Seconds:F2} s  {result.AllocatedBytesPerOp:N0} B/op  GC {result.Collections} {result.GcPauseMs:N0} ms"));
        if (result.TopAllocations is not null)
        {
            Console.Error.WriteLine("    allocations: " + result.TopAllocations);
        }
    }

    private static string? Describe(AllocationSampler? sampler) =>
        sampler is null ? null : string.Join(", ", sampler.Take(6).Select(t => $"{t.Type} {t.Bytes / 1048576.0:F0} MiB"));

    private static string Join(string? a, string b) => a is null ? b : a + "; " + b;
}
