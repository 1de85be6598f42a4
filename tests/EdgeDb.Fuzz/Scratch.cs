namespace EdgeDb.Fuzz;

/// <summary>
/// A directory of this process's own for the targets that read files from disk, in memory (/dev/shm) where there is
/// one, emptied before each input.
/// </summary>
internal static class Scratch
{
    private static readonly string Root = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"edgedb-fuzz-{Environment.ProcessId}");

    public static string Fresh(string name)
    {
        var path = Path.Combine(Root, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteAll()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
