namespace EdgeDb.Storage;

/// <summary>
/// Makes a store directory open in at most one <see cref="EdgeStore"/>: an in-process registry of open
/// directories (file locks do not reliably exclude a second opener inside the same process), then a
/// <c>LOCK</c> file held with <see cref="FileShare.None"/> and a byte-range lock for other processes.
/// The OS drops both file locks when a process dies, so a LOCK left by a killed process never blocks.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private static readonly HashSet<string> OpenDirectories = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly string _directory;
    private IDisposable? _held;

    private DirectoryLock(string directory, IDisposable held)
    {
        _directory = directory;
        _held = held;
    }

    /// <summary>Takes the lock of <paramref name="directory"/>.</summary>
    /// <exception cref="EdgeStoreLockedException">Another <see cref="EdgeStore"/>, here or in another process, has it open.</exception>
    /// <exception cref="EdgeIOException">The LOCK file could not be opened or locked for another reason (permission, I/O error).</exception>
    public static DirectoryLock Acquire(StoreDirectory directory)
    {
        lock (OpenDirectories)
        {
            if (!OpenDirectories.Add(directory.Path))
            {
                throw new EdgeStoreLockedException(directory.Path);
            }
        }

        var path = directory.LockPath;
        try
        {
            return new DirectoryLock(directory.Path, directory.Files.LockFile(path));
        }
        catch (IOException ex) when (FileSystem.IsLockConflict(ex))
        {
            Release(directory.Path);
            throw new EdgeStoreLockedException(directory.Path, ex);
        }
        catch (IOException ex)
        {
            Release(directory.Path);
            throw new EdgeIOException($"Could not open and lock '{path}' ({ex.Message}); this is not another opener holding it.", path, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            Release(directory.Path);
            throw new EdgeIOException($"No permission to open '{path}': a store needs to read and write its directory ({ex.Message}).", path, ex);
        }
        catch
        {
            Release(directory.Path);
            throw;
        }
    }

    public void Dispose()
    {
        var held = Interlocked.Exchange(ref _held, null);
        if (held is null)
        {
            return;
        }

        held.Dispose();
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
