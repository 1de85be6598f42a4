using System.Diagnostics;

namespace EdgeDb.Fuzz;

/// <summary>What one input did, against the bars every input must meet (docs/testing.md, "Fuzzing").</summary>
internal sealed record FuzzOutcome(Exception? Escaped, bool Rejected, long AllocatedBytes, long AllocationLimit, TimeSpan Elapsed)
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>Null when the input met every bar, else what it broke.</summary>
    public string? Violation =>
        Escaped is not null ? $"{Escaped.GetType().Name} escaped: {Escaped.Message}"
        : AllocatedBytes > AllocationLimit ? $"allocated {AllocatedBytes} bytes, over the limit of {AllocationLimit}"
        : Elapsed > TimeLimit ? $"took {Elapsed.TotalMilliseconds:F0} ms, over {TimeLimit.TotalMilliseconds:F0} ms"
        : null;
}

internal static class FuzzCheck
{
    /// <summary>
    /// Runs one input and measures it: only <see cref="EdgeDbException"/>s may escape, allocation must stay under 4x
    /// the input plus 1 MiB, and the run under a second. Allocation is counted on the calling thread, where every
    /// reader runs (so that tests running beside it are not counted); the catalogue target's store also has a
    /// background thread, which only flushes.
    /// </summary>
    public static FuzzOutcome Run(FuzzTarget target, byte[] raw)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        Exception? escaped = null;
        var rejected = false;
        try
        {
            FuzzTargets.Run(target, raw);
        }
        catch (EdgeDbException)
        {
            // The contract's answer to damage.
            rejected = true;
        }
        catch (Exception e)
        {
            escaped = e;
        }

        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new FuzzOutcome(escaped, rejected, allocated, (4L * raw.Length) + (1024 * 1024), clock.Elapsed);
    }
}
