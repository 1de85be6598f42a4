using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// The disk's own limit for synced writes: how many small (128-byte, a WAL record's size) write + sync pairs per
/// second one thread gets, in three ways a WAL could do it. Appending grows the file, so every sync also commits
/// the size (metadata) to the journal; overwriting a preallocated, already-synced file lets fdatasync skip that.
/// </summary>
internal static partial class FsyncProbe
{
    public sealed record Rate(string Method, long Syncs, double Seconds)
    {
        public double PerSecond => Syncs / Seconds;
    }

    public static IReadOnlyList<Rate> Measure(string directory, TimeSpan each)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "fsync-probe.bin");
        try
        {
            return
            [
                Append(path, each, "append + fsync", Fsync),
                Append(path, each, "append + fdatasync", Fdatasync),
                Overwrite(path, each, "overwrite preallocated + fdatasync", Fdatasync),
            ];
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Rate Append(string path, TimeSpan each, string method, Func<int, int> sync)
    {
        File.Delete(path);
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var record = new byte[128];
        long offset = 0, count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < each)
        {
            RandomAccess.Write(handle, record, offset);
            offset += record.Length;
            Check(sync(Fd(handle)));
            count++;
        }

        return new Rate(method, count, clock.Elapsed.TotalSeconds);
    }

    private static Rate Overwrite(string path, TimeSpan each, string method, Func<int, int> sync)
    {
        File.Delete(path);
        const int size = 64 * 1024 * 1024;
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var zeros = new byte[1024 * 1024];
        for (long at = 0; at < size; at += zeros.Length)
        {
            RandomAccess.Write(handle, zeros, at);
        }

        // Written and synced once, with its size: later syncs have only data to commit.
        Check(Fsync(Fd(handle)));
        var record = new byte[128];
        long offset = 0, count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < each)
        {
            RandomAccess.Write(handle, record, offset);
            offset = (offset + record.Length) % size;
            Check(sync(Fd(handle)));
            count++;
        }

        return new Rate(method, count, clock.Elapsed.TotalSeconds);
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new IOException($"sync failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static int Fsync(int fd) => NativeFsync(fd);

    private static int Fdatasync(int fd) => NativeFdatasync(fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int NativeFsync(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int NativeFdatasync(int fd);
}
