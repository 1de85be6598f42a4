using System.Text;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Faults;

/// <summary>
/// Fails every file-system call of a scripted workload in turn, one per run (docs/testing.md, "Fault sweep"): the
/// failure surfaces as a typed exception or is absorbed by design, the store fail-stops where the contract says so,
/// and a reopen on the real file system gives every acknowledged write, a prefix of the history, and no leaked or
/// missing file.
/// </summary>
public sealed class FaultSweepTests
{
    [Fact]
    public void Every_call_of_a_Flushed_workload_with_write_calls_fails_safely() =>
        Sweep(Durability.Flushed, refuseMaps: true);

    [Fact]
    public void Every_call_of_a_Synced_workload_with_mapped_writes_fails_safely() =>
        Sweep(Durability.Synced, refuseMaps: false);

    private static void Sweep(Durability durability, bool refuseMaps)
    {
        // One clean run counts the calls; the workload's background work may move a few calls between runs, so
        // the sweep goes a little past the count (runs with no call left to fail pass as clean runs).
        long total;
        using (var dir = new TempDirectory())
        {
            var counter = new FaultyFileSystem { RefuseMaps = refuseMaps };
            var clean = new FaultWorkload(dir.Combine("store"), durability);
            clean.Run(counter, new RecordingLogger());
            Assert.Null(clean.Failure);
            Assert.Equal(FaultWorkload.Operations, clean.Acknowledged);
            clean.CheckAfterReopen();
            total = counter.CallCount;
        }

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (long n = 1; n <= total + 20; n++)
        {
            using var dir = new TempDirectory();
            var files = new FaultyFileSystem { FailAt = n, RefuseMaps = refuseMaps };
            var logger = new RecordingLogger();
            var workload = new FaultWorkload(dir.Combine("store"), durability);
            string outcome;
            try
            {
                workload.Run(files, logger);
                workload.CheckAfterReopen();
                outcome = Classify(files, workload, logger);
            }
            catch (Exception e)
            {
                outcome = $"PROBLEM: {e.GetType().Name}";
                problems.Add($"call {n} ({files.Injected?.Call} {files.Injected?.Fault} on {Path.GetFileName(files.Injected?.Path)}), failure {workload.Failure?.Step}: {e.Message}");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        var report = new StringBuilder($"{durability}, maps {(refuseMaps ? "refused" : "used")}: {total} calls in a clean run, {total + 20} runs\n");
        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"{count,5}  {outcome}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(problems.Count == 0, report + string.Join("\n", problems.Take(15)));
    }

    /// <summary>What one injected failure did: which typed error surfaced where, or how it was absorbed.</summary>
    private static string Classify(FaultyFileSystem files, FaultWorkload workload, RecordingLogger logger)
    {
        if (files.Injected is not { } injected)
        {
            return "no call left to fail";
        }

        var what = $"{injected.Call} {injected.Fault}";
        if (workload.Failure is { } failure)
        {
            Assert.True(failure.Error is EdgeDbException, $"{what}: {failure.Step} raised an untyped {failure.Error.GetType().Name}: {failure.Error}");
            var step = failure.Step.StartsWith("operation", StringComparison.Ordinal) ? "a write"
                : failure.Step.StartsWith("read", StringComparison.Ordinal) ? "a read"
                : failure.Step;
            return $"{what} -> {failure.Error.GetType().Name} from {step}";
        }

        if (!logger.Entries.IsEmpty)
        {
            return $"{what} -> absorbed, logged ({string.Join(", ", logger.Entries.Select(e => e.Event.Id).Distinct())})";
        }

        // Absorbed without a word only where the design says so: a refused map or a failed zero-fill of the WAL's
        // preallocation (the records are then written with write calls into what space there is).
        var silent = injected.Fault == Fault.MapRefused
            || (injected.Call == FileCall.Write && injected.Path.EndsWith(EdgeDb.Storage.StoreFileNames.SegmentExtension, StringComparison.Ordinal));
        Assert.True(silent, $"{what} on '{injected.Path}' was swallowed: no exception and nothing logged");
        return $"{what} -> absorbed by design ({(injected.Fault == Fault.MapRefused ? "write calls instead of the map" : "preallocation stops")})";
    }
}
