using System.Diagnostics;

namespace EdgeDb.Tests.Support;

/// <summary>A real, tiny tmpfs file system (Linux, root), for tests that need a disk that fills up.</summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKiB"/>; null with the reason when this machine cannot.</summary>
    public static TmpfsMount? TryMount(int sizeKiB, out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux())
        {
            reason = "tmpfs mounts need Linux";
            return null;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgedb-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            reason = $"mount failed (root is needed): {output}";
            return null;
        }

        return new TmpfsMount(path);
    }

    /// <summary>Remounts with other options (say "ro"), as an administrator turning a file system read-only would.</summary>
    public void Remount(string options)
    {
        var (code, output) = Run("mount", "-o", "remount," + options, Path);
        Assert.True(code == 0, $"remount failed: {output}");
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
