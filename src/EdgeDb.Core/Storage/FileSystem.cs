namespace EdgeDb.Storage;

/// <summary>
/// Every file-system call the engine makes goes through this one seam (docs/durability.md, "Every I/O call is
/// testable"): <see cref="Os"/> in production; the fault tests put a layer in front of it that fails one chosen
/// call. Methods throw <see cref="IOException"/> (or <see cref="UnauthorizedAccessException"/>) exactly as the
/// .NET file APIs do; turning those into typed store errors is the callers' job.
/// </summary>
internal abstract class FileSystem
{
    /// <summary>The real file system of the operating system.</summary>
    public static FileSystem Os { get; } = new OsFileSystem();

    /// <summary>Opens or creates a file for positional reads and writes.</summary>
    public abstract StoreFile Open(string path, FileMode mode, FileAccess access, FileShare share);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing it only when <paramref name="overwrite"/>.</summary>
    public abstract void Move(string source, string destination, bool overwrite);

    /// <summary>Deletes a file; deleting a file that does not exist is not an error.</summary>
    public abstract void Delete(string path);

    /// <summary>Copies a file (salvage keeps damaged segments this way before it changes the log).</summary>
    public abstract void Copy(string source, string destination);

    /// <summary>Whether a regular file exists at <paramref name="path"/>.</summary>
    public abstract bool FileExists(string path);

    /// <summary>The full paths of the files in <paramref name="directory"/> whose names match <paramref name="pattern"/>.</summary>
    public abstract IReadOnlyList<string> ListFiles(string directory, string pattern);

    /// <summary>Creates one directory whose parent exists; false when it already existed.</summary>
    public abstract bool CreateDirectory(string path);

    /// <summary>Whether a directory exists at <paramref name="path"/>.</summary>
    public abstract bool DirectoryExists(string path);

    /// <summary>fsyncs a directory, making the creation, rename or deletion of its entries durable.</summary>
    public abstract void SyncDirectory(string directory);

    /// <summary>
    /// Opens <paramref name="path"/> and takes an exclusive lock on it that the OS drops when the process dies.
    /// A lock held elsewhere raises <see cref="IOException"/> for which <see cref="IsLockConflict"/> is true.
    /// </summary>
    public abstract IDisposable LockFile(string path);

    /// <summary>
    /// Whether <paramref name="error"/> from <see cref="LockFile"/> means another holder has the lock (as opposed to
    /// an I/O failure that says nothing about other openers).
    /// </summary>
    public static bool IsLockConflict(IOException error) =>
        error.HResult is OsErrors.WouldBlock or OsErrors.WouldBlockDarwin or OsErrors.WindowsSharingViolation or OsErrors.WindowsLockViolation;
}
