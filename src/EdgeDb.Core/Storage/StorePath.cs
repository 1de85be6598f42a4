namespace EdgeDb.Storage;

/// <summary>
/// Turns the directory a caller passed to <see cref="EdgeStore.Open"/> into a store directory that exists and
/// whose existence is durable: every directory created on the way, and its parent, is fsynced (a new directory's
/// entry lives in its parent, so without that a power cut could lose a new store with every acknowledged write).
/// Problems with the path are reported against the path, never as a bare OS exception.
/// </summary>
internal static class StorePath
{
    /// <summary>Creates what is missing of <paramref name="directory"/> and returns its full path.</summary>
    /// <exception cref="ArgumentException">The path, or a directory above it, is a file: it can never be a store.</exception>
    /// <exception cref="EdgeIOException">A directory could not be created or made durable (no permission, I/O error).</exception>
    public static string Prepare(FileSystem files, string directory)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var missing = new Stack<string>();
        for (var current = fullPath; current is not null && !Exists(files, current); current = Path.GetDirectoryName(current))
        {
            if (IsFile(files, current))
            {
                throw new ArgumentException(
                    ReferenceEquals(current, fullPath)
                        ? $"'{fullPath}' is a file; a store is a directory. Pass the path of a directory (it is created if missing)."
                        : $"The store directory '{fullPath}' cannot be created: '{current}' is a file.",
                    nameof(directory));
            }

            missing.Push(current);
        }

        var toSync = new List<string>();
        foreach (var path in missing)
        {
            Try(path, "create the store directory", () =>
            {
                if (files.CreateDirectory(path))
                {
                    toSync.Add(path);
                }
            });
        }

        // Top-down, each new directory and then its parent, so the whole new chain is durable once the last returns.
        foreach (var path in toSync)
        {
            Try(path, "fsync the new directory", () => files.SyncDirectory(path));
            var parent = Path.GetDirectoryName(path);
            if (parent is not null)
            {
                Try(parent, "fsync the directory holding the new store directory", () => files.SyncDirectory(parent));
            }
        }

        return fullPath;
    }

    private static bool Exists(FileSystem files, string path)
    {
        var exists = false;
        Try(path, "look up", () => exists = files.DirectoryExists(path));
        return exists;
    }

    private static bool IsFile(FileSystem files, string path)
    {
        var isFile = false;
        Try(path, "look up", () => isFile = files.FileExists(path));
        return isFile;
    }

    private static void Try(string path, string what, Action action)
    {
        try
        {
            action();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EdgeIOException($"No permission to {what} '{path}': {e.Message}", path, e);
        }
        catch (IOException e)
        {
            throw new EdgeIOException($"Could not {what} '{path}': {e.Message}", path, e);
        }
    }
}
