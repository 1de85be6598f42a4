using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeDb.Storage;

/// <summary>
/// fdatasync of a file. It flushes the data and the metadata needed to read it back (the size, the block
/// map) but not timestamps, so a sync of bytes written over an already-allocated region has nothing to
/// journal. .NET's <see cref="RandomAccess.FlushToDisk"/> is a full fsync; elsewhere than Linux it is used as is.
/// </summary>
internal static partial class FileSync
{
    /// <summary>Makes the written data of <paramref name="handle"/> durable; throws <see cref="IOException"/> on failure.</summary>
    public static void DataSync(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }

        var added = false;
        try
        {
            // Held so the descriptor cannot be closed and reused by another file while the call runs.
            handle.DangerousAddRef(ref added);
            if (Fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(int fd);
}
