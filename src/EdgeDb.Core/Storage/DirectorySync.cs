using System.Runtime.InteropServices;

namespace EdgeDb.Storage;

/// <summary>
/// fsync of a directory, which makes a created, renamed or deleted entry in it durable. .NET has no
/// directory handle, so on Unix this is libc's open(O_DIRECTORY) + fsync; Windows journals directory
/// entries itself and needs nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;
    private const int LinuxDirectoryFlag = 0x10000;   // O_DIRECTORY on Linux (x64 and arm64)
    private const int DarwinDirectoryFlag = 0x100000; // O_DIRECTORY on macOS

    /// <summary>Makes the entries of <paramref name="directory"/> durable; throws <see cref="IOException"/> on failure.</summary>
    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var flags = ReadOnly | (OperatingSystem.IsMacOS() ? DarwinDirectoryFlag : LinuxDirectoryFlag);
        var fd = Open(directory, flags);
        if (fd < 0)
        {
            throw new IOException($"Could not open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
