using System.Collections.Concurrent;
using EdgeDb.Storage;

namespace EdgeDb.Tests.Support;

/// <summary>The calls of the engine's file-system seam, as the fault sweep counts them.</summary>
public enum FileCall
{
    Open,
    Create,
    GetLength,
    Read,
    Write,
    SetLength,
    Sync,
    DataSync,
    Map,
    Move,
    Delete,
    Copy,
    FileExists,
    DirectoryExists,
    List,
    CreateDirectory,
    SyncDirectory,
    Lock,
}

/// <summary>What the injected failure looks like to the engine.</summary>
public enum Fault
{
    /// <summary>EIO: the device failed the call.</summary>
    IOError,

    /// <summary>ENOSPC: nothing was written.</summary>
    NoSpace,

    /// <summary>Half the bytes were written, then ENOSPC.</summary>
    ShortWrite,

    /// <summary>The memory map was refused (the engine falls back to write calls).</summary>
    MapRefused,

    /// <summary>EACCES.</summary>
    Permission,
}

/// <summary>
/// The real file system behind a counter: every call of the seam is numbered from 1, can be recorded, and the call
/// numbered <see cref="FailAt"/> fails once with the fault <see cref="ChooseFault"/> picks for its kind (after the
/// manner of SQLite's I/O-error tests and RocksDB's FaultInjectionTestFS).
/// </summary>
internal sealed class FaultyFileSystem : FileSystem
{
    private readonly FileSystem _os = Os;
    private long _calls;
    private long _reads;

    /// <summary>The number of the call to fail; 0 fails none.</summary>
    public long FailAt { get; init; }

    /// <summary>Picks the fault for the failing call; by default <see cref="DefaultFault"/>.</summary>
    public Func<FileCall, long, Fault> ChooseFault { get; init; } = DefaultFault;

    /// <summary>Refuse every memory map, so the WAL hands its records over with write calls (which can then fail).</summary>
    public bool RefuseMaps { get; init; }

    /// <summary>Whether every call is kept in <see cref="Calls"/>.</summary>
    public bool Record { get; init; }

    public ConcurrentQueue<(long Number, FileCall Call, string Path)> Calls { get; } = new();

    /// <summary>The failure that was injected, once it has been.</summary>
    public (long Number, FileCall Call, string Path, Fault Fault)? Injected { get; private set; }

    public long CallCount => Interlocked.Read(ref _calls);

    /// <summary>Read calls so far (the table tests count block reads with it).</summary>
    public long ReadCount => Interlocked.Read(ref _reads);

    /// <summary>Writes alternate between a full disk and a short write; every other call gets an I/O error.</summary>
    public static Fault DefaultFault(FileCall call, long number) => call switch
    {
        FileCall.Write => number % 2 == 0 ? Fault.NoSpace : Fault.ShortWrite,
        FileCall.Create or FileCall.CreateDirectory or FileCall.Copy => Fault.NoSpace,
        FileCall.Map => Fault.MapRefused,
        _ => Fault.IOError,
    };

    public override StoreFile Open(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var call = mode is FileMode.Open ? FileCall.Open : FileCall.Create;
        Enter(call, path);
        return new FaultyFile(this, _os.Open(path, mode, access, share));
    }

    public override void Move(string source, string destination, bool overwrite)
    {
        Enter(FileCall.Move, source);
        _os.Move(source, destination, overwrite);
    }

    public override void Delete(string path)
    {
        Enter(FileCall.Delete, path);
        _os.Delete(path);
    }

    public override void Copy(string source, string destination)
    {
        Enter(FileCall.Copy, source);
        _os.Copy(source, destination);
    }

    public override bool FileExists(string path)
    {
        Enter(FileCall.FileExists, path);
        return _os.FileExists(path);
    }

    public override IReadOnlyList<string> ListFiles(string directory, string pattern)
    {
        Enter(FileCall.List, directory);
        return _os.ListFiles(directory, pattern);
    }

    public override bool CreateDirectory(string path)
    {
        Enter(FileCall.CreateDirectory, path);
        return _os.CreateDirectory(path);
    }

    public override bool DirectoryExists(string path)
    {
        Enter(FileCall.DirectoryExists, path);
        return _os.DirectoryExists(path);
    }

    public override void SyncDirectory(string directory)
    {
        Enter(FileCall.SyncDirectory, directory);
        _os.SyncDirectory(directory);
    }

    public override IDisposable LockFile(string path)
    {
        Enter(FileCall.Lock, path);
        return _os.LockFile(path);
    }

    /// <summary>Counts a call and, if it is the one to fail, throws its fault (or returns it, for faults the caller applies).</summary>
    private Fault? Enter(FileCall call, string path)
    {
        var number = Interlocked.Increment(ref _calls);
        if (Record)
        {
            Calls.Enqueue((number, call, path));
        }

        if (number != FailAt)
        {
            return null;
        }

        var fault = ChooseFault(call, number);
        Injected = (number, call, path, fault);
        return fault switch
        {
            Fault.ShortWrite or Fault.MapRefused => fault,
            Fault.NoSpace => throw new IOException($"No space left on device (injected at call {number}, {call} '{path}')", OsErrors.NoSpace),
            Fault.Permission => throw new UnauthorizedAccessException($"Permission denied (injected at call {number}, {call} '{path}')"),
            _ => throw new IOException($"Input/output error (injected at call {number}, {call} '{path}')", OsErrors.InputOutput),
        };
    }

    private sealed class FaultyFile(FaultyFileSystem files, StoreFile inner) : StoreFile(inner.Path)
    {
        public override long GetLength()
        {
            files.Enter(FileCall.GetLength, Path);
            return inner.GetLength();
        }

        public override int Read(Span<byte> destination, long offset)
        {
            Interlocked.Increment(ref files._reads);
            files.Enter(FileCall.Read, Path);
            return inner.Read(destination, offset);
        }

        public override void Write(ReadOnlySpan<byte> source, long offset)
        {
            if (files.Enter(FileCall.Write, Path) == Fault.ShortWrite)
            {
                inner.Write(source[..(source.Length / 2)], offset);
                throw new IOException($"No space left on device (injected short write of {source.Length / 2} of {source.Length} bytes to '{Path}')", OsErrors.NoSpace);
            }

            inner.Write(source, offset);
        }

        public override void SetLength(long length)
        {
            files.Enter(FileCall.SetLength, Path);
            inner.SetLength(length);
        }

        public override void Sync()
        {
            files.Enter(FileCall.Sync, Path);
            inner.Sync();
        }

        public override void DataSync()
        {
            files.Enter(FileCall.DataSync, Path);
            inner.DataSync();
        }

        public override MappedWriteWindow? TryMap(long offset, long length) =>
            files.Enter(FileCall.Map, Path) == Fault.MapRefused || files.RefuseMaps ? null : inner.TryMap(offset, length);

        protected override void Dispose(bool disposing) => inner.Dispose();
    }
}
