using System.Runtime.InteropServices;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>What the run ran on, read from the system at run time (Linux /proc and /sys; less elsewhere).</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<Fact> Describe(string benchDirectory)
    {
        var facts = new List<Fact>
        {
            new("cores (nproc)", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("CPU", FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()),
            new("memory", FirstValue("/proc/meminfo", "MemTotal") ?? "?"),
            new("OS", $"{RuntimeInformation.OSDescription}"),
            new(".NET", RuntimeInformation.FrameworkDescription),
            new("disk", Disk(benchDirectory)),
            new("load average at start", Read("/proc/loadavg")?.Trim() ?? "?"),
        };
        return facts;
    }

    public sealed record Fact(string Name, string Value);

    private static string Disk(string directory)
    {
        // The mount holding the directory: longest mount point that prefixes it.
        var lines = Read("/proc/self/mountinfo");
        if (lines is null)
        {
            return "?";
        }

        var full = Path.GetFullPath(directory);
        string? best = null, device = null, fs = null;
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var dash = Array.IndexOf(parts, "-");
            if (dash < 0 || parts.Length < dash + 3)
            {
                continue;
            }

            var mountPoint = parts[4];
            if (full.StartsWith(mountPoint, StringComparison.Ordinal) && (best is null || mountPoint.Length > best.Length))
            {
                (best, fs, device) = (mountPoint, parts[dash + 1], parts[dash + 2]);
            }
        }

        var name = device is null ? null : Path.GetFileName(device);
        var rotational = name is null ? null : Read($"/sys/block/{name}/queue/rotational")?.Trim();
        var size = name is null ? null : Read($"/sys/block/{name}/size")?.Trim();
        var gib = long.TryParse(size, out var sectors) ? $", {sectors * 512 / (1L << 30)} GiB" : "";
        var kind = rotational switch { "0" => ", non-rotational", "1" => ", reported rotational (virtual disks often say so)", _ => "" };
        return $"{device} ({fs}) mounted at {best}{gib}{kind}";
    }

    private static string? FirstValue(string file, string key)
    {
        var text = Read(file);
        var line = text?.Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
