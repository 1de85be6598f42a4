using Microsoft.Win32.SafeHandles;

namespace EdgeDb.Storage;

/// <summary>The operating system's file system, through .NET's handle APIs and the few libc calls .NET lacks.</summary>
internal sealed class OsFileSystem : FileSystem
{
    public override StoreFile Open(string path, FileMode mode, FileAccess access, FileShare share) =>
        new OsStoreFile(path, File.OpenHandle(path, mode, access, share));

    public override void Move(string source, string destination, bool overwrite) => File.Move(source, destination, overwrite);

    public override void Delete(string path) => File.Delete(path);

    public override void Copy(string source, string destination) => File.Copy(source, destination);

    public override bool FileExists(string path) => File.Exists(path);

    public override IReadOnlyList<string> ListFiles(string directory, string pattern) => Directory.GetFiles(directory, pattern);

    public override bool CreateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(path);
        return true;
    }

    public override bool DirectoryExists(string path) => Directory.Exists(path);

    public override void SyncDirectory(string directory) => DirectorySync.Sync(directory);

    public override IDisposable LockFile(string path)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        try
        {
            if (!OperatingSystem.IsMacOS())
            {
                // macOS has no byte-range lock through FileStream; FileShare.None (flock) still excludes others there.
                file.Lock(0, 1);
            }

            return new HeldLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private sealed class HeldLock(FileStream file) : IDisposable
    {
        public void Dispose()
        {
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
        }
    }

    private sealed class OsStoreFile(string path, SafeFileHandle handle) : StoreFile(path)
    {
        public override long GetLength() => RandomAccess.GetLength(handle);

        public override int Read(Span<byte> destination, long offset) => RandomAccess.Read(handle, destination, offset);

        public override void Write(ReadOnlySpan<byte> source, long offset) => RandomAccess.Write(handle, source, offset);

        public override void SetLength(long length) => RandomAccess.SetLength(handle, length);

        public override void Sync() => RandomAccess.FlushToDisk(handle);

        public override void DataSync() => FileSync.DataSync(handle);

        public override MappedWriteWindow? TryMap(long offset, long length) => MappedWriteWindow.TryMap(handle, offset, length);

        protected override void Dispose(bool disposing) => handle.Dispose();
    }
}
