namespace EdgeDb.Storage;

/// <summary>
/// A store's directory on a <see cref="FileSystem"/>: the paths of its files, and listings of them by kind. Every
/// component that touches a file gets it from here, so names and the file-system seam have one home.
/// </summary>
internal sealed class StoreDirectory
{
    public StoreDirectory(FileSystem files, string path)
    {
        Files = files;
        Path = path;
    }

    /// <summary>The file system every call goes through.</summary>
    public FileSystem Files { get; }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    public string ManifestPath => Combine(StoreFileNames.Manifest);

    public string LockPath => Combine(StoreFileNames.Lock);

    public string Combine(string fileName) => System.IO.Path.Combine(Path, fileName);

    public string SegmentPath(ulong number) => Combine(StoreFileNames.Segment(number));

    public string TablePath(ulong number) => Combine(StoreFileNames.Table(number));

    /// <summary>The WAL segments present, oldest first.</summary>
    public List<(ulong Number, string Path)> ListSegments() => List(StoreFileKind.Segment);

    /// <summary>The table files present, by file number.</summary>
    public List<(ulong Number, string Path)> ListTables() => List(StoreFileKind.Table);

    /// <summary>Every file of <paramref name="kind"/> present, by number.</summary>
    public List<(ulong Number, string Path)> List(StoreFileKind kind)
    {
        var found = new List<(ulong Number, string Path)>();
        foreach (var path in Files.ListFiles(Path, "*"))
        {
            if (StoreFileNames.Parse(System.IO.Path.GetFileName(path), out var number) == kind)
            {
                found.Add((number, path));
            }
        }

        found.Sort((a, b) => a.Number.CompareTo(b.Number));
        return found;
    }

    /// <summary>fsyncs the directory.</summary>
    public void Sync() => Files.SyncDirectory(Path);
}
