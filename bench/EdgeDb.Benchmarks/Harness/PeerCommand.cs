using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeDb.Benchmarks.Harness.Adapters;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The peer harness: every store through the same workloads, each (store, class, group) in a child process and a
/// fresh directory, repeated and reduced to medians; then the raw fsync rate of the disk; then a markdown table,
/// a PNG chart and the raw results (JSON) in the output directory.
///   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- peers [--n 1000000] [--stores edgedb,rocksdb,...]
///     [--workloads fillseq,fillrandom,...,sync1,sync8,typed] [--repeat 1] [--max-seconds 180] [--sync-ops 20000]
///     [--scans 10] [--dir /tmp/edgedb-peers] [--out docs/benchmarks] [--fsync-seconds 3]
/// </summary>
internal static class PeerCommand
{
    public static int Run(string[] args)
    {
        var a = Args.Parse(args);
        var n = a.Int("n", 1_000_000);
        var repeat = a.Int("repeat", 1);
        var stores = a.Get("stores", string.Join(',', StoreNames.All)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var workloads = a.Get("workloads", string.Join(',', RunPlan.Workloads.Select(w => w.Workload).Distinct())).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var root = Path.GetFullPath(a.Get("dir", Path.Combine(Path.GetTempPath(), "edgedb-peers")));
        var output = Path.GetFullPath(a.Get("out", Path.Combine(RepositoryRoot() ?? ".", "docs", "benchmarks")));
        var passThrough = new[] { "max-seconds", "sync-ops", "scans", "value-size" }
            .Where(a.Has).SelectMany(o => new[] { "--" + o, a.Get(o) }).ToList();
        if (workloads.Except(RunPlan.Workloads.Select(w => w.Workload)).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"Unknown workload '{unknown}'.");
        }

        var commandLine = "dotnet run -c Release --project bench/EdgeDb.Benchmarks -- " + string.Join(' ', args);
        var machine = MachineInfo.Describe(root);
        var plan = RunPlan.Build(stores, workloads);
        // Workloads beyond fillrandom in the random group are filtered inside the child.
        var childWorkloads = string.Join(',', workloads);
        Console.Error.WriteLine($"peers: N = {n:N0}, {plan.Count} child runs x {repeat}, directories under {root}");

        var results = new List<WorkloadResult>();
        var failures = new List<string>();
        for (var r = 0; r < repeat; r++)
        {
            foreach (var step in plan)
            {
                var directory = Path.Combine(root, $"{step.Store}-{step.Class}-{step.Group}".ToLowerInvariant());
                Console.Error.WriteLine($"[{r + 1}/{repeat}] {step.Store} {step.Class} {step.Group}");
                var childArgs = new List<string>
                {
                    "peers-child", "--store", step.Store, "--class", step.Class.ToString(), "--group", step.Group,
                    "--n", n.ToString(CultureInfo.InvariantCulture), "--dir", directory, "--workloads", childWorkloads,
                };
                childArgs.AddRange(passThrough);
                var (exit, reported) = RunChild(childArgs, directory);
                results.AddRange(reported);
                if (exit != 0)
                {
                    failures.Add($"{step.Store} {step.Class} {step.Group}: exit code {exit}");
                }
            }
        }

        var fsync = FsyncProbe.Measure(root, TimeSpan.FromSeconds(a.Int("fsync-seconds", 3)));
        foreach (var rate in fsync)
        {
            Console.Error.WriteLine($"fsync probe: {rate.Method}: {rate.PerSecond:N0}/s");
        }

        Directory.CreateDirectory(output);
        var report = new Report(n, repeat, commandLine, machine, results, fsync, failures);
        File.WriteAllText(Path.Combine(output, "peers.md"), ResultTable.Render(report));
        File.WriteAllText(Path.Combine(output, "peers.json"), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        ResultChart.Save(report, Path.Combine(output, "peers.png"));
        Console.WriteLine(ResultTable.Render(report));
        Console.Error.WriteLine($"wrote {Path.Combine(output, "peers.md")}, peers.json and peers.png");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Renders the table and chart again from a run's JSON (after a change to the report, no re-run needed).</summary>
    public static int Render(string[] args)
    {
        var a = Args.Parse(args);
        var from = a.Get("from");
        var output = Path.GetFullPath(a.Get("out", Path.GetDirectoryName(Path.GetFullPath(from))!));
        var report = JsonSerializer.Deserialize<Report>(File.ReadAllText(from))!;
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "peers.md"), ResultTable.Render(report));
        ResultChart.Save(report, Path.Combine(output, "peers.png"));
        Console.WriteLine(ResultTable.Render(report));
        return 0;
    }

    private static (int Exit, List<WorkloadResult> Results) RunChild(List<string> childArgs, string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Under "dotnet EdgeDb.Benchmarks.dll" the host is dotnet itself: hand it the assembly first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PeerCommand).Assembly.Location);
        }

        foreach (var arg in childArgs)
        {
            start.ArgumentList.Add(arg);
        }

        var results = new List<WorkloadResult>();
        using var child = Process.Start(start)!;
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith(ChildRun.ResultPrefix, StringComparison.Ordinal))
            {
                results.Add(JsonSerializer.Deserialize<WorkloadResult>(line[ChildRun.ResultPrefix.Length..])!);
            }
            else
            {
                Console.Error.WriteLine("  | " + line);
            }
        }

        child.WaitForExit();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A store's background thread may still hold a file for a moment; the next run deletes it first anyway.
        }

        return (child.ExitCode, results);
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeDb.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

/// <summary>Everything one harness run measured, as the table, chart and JSON present it.</summary>
internal sealed record Report(
    int N,
    int Repeat,
    string CommandLine,
    IReadOnlyList<MachineInfo.Fact> Machine,
    IReadOnlyList<WorkloadResult> Results,
    IReadOnlyList<FsyncProbe.Rate> Fsync,
    IReadOnlyList<string> Failures)
{
    public DateTime FinishedUtc { get; init; } = DateTime.UtcNow;
}
