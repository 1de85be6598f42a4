namespace EdgeDb.Storage;

/// <summary>
/// Makes a store directory open in at most one <see cref="EdgeStore"/>: an in-process registry of open
/// directories (file locks do not reliably exclude a second opener inside the same process), then a
/// <c>LOCK</c> file held with <see cref="FileShare.None"/> and a byte-range lock for other processes.
/// The OS drops both file locks when a process dies, so a LOCK left by a killed process never blocks.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    public const string FileName = "LOCK";

    private static readonly HashSet<string> OpenDirectories = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly string _directory;
    private FileStream? _file;

    private DirectoryLock(string directory, FileStream file)
    {
        _directory = directory;
        _file = file;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (a full path) or throws <see cref="EdgeStoreLockedException"/>.</summary>
    public static DirectoryLock Acquire(string directory)
    {
        lock (OpenDirectories)
        {
            if (!OpenDirectories.Add(directory))
            {
                throw new EdgeStoreLockedException(directory);
            }
        }

        FileStream? file = null;
        try
        {
            file = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            if (!OperatingSystem.IsMacOS())
            {
                // macOS has no byte-range lock through FileStream; FileShare.None (flock) still excludes others there.
                file.Lock(0, 1);
            }

            return new DirectoryLock(directory, file);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            file?.Dispose();
            Release(directory);
            throw new EdgeStoreLockedException(directory, ex);
        }
        catch
        {
            file?.Dispose();
            Release(directory);
            throw;
        }
    }

    public void Dispose()
    {
        var file = Interlocked.Exchange(ref _file, null);
        if (file is null)
        {
            return;
        }

        try
        {
            if (!OperatingSystem.IsMacOS())
            {
                file.Unlock(0, 1);
            }
        }
        catch (IOException)
        {
            // Closing the handle drops the lock anyway.
        }

        file.Dispose();
        Release(_directory);
    }

    private static void Release(string directory)
    {
        lock (OpenDirectories)
        {
            OpenDirectories.Remove(directory);
        }
    }
}
