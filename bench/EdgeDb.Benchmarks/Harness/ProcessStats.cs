using System.Globalization;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>Peak resident memory of this process (per workload) and the bytes a store keeps on disk.</summary>
internal static class ProcessStats
{
    /// <summary>
    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next reading is the peak of the next
    /// workload alone (Linux: writing 5 to /proc/self/clear_refs). False where that is not possible.
    /// </summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM from /proc/self/status in bytes, or the working set where there is no /proc.</summary>
    public static long PeakRss()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.WorkingSet;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }

    public static long DirectoryBytes(string directory) =>
        Directory.Exists(directory)
            ? new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
            : 0;
}
