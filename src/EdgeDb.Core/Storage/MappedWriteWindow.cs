using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace EdgeDb.Storage;

/// <summary>
/// A shared, writable memory map of a range of a file that already holds written bytes (the WAL's zero-filled
/// preallocation). Copying into it puts the bytes in the OS page cache exactly as a <c>write</c> call would, so
/// they survive a crash of the process, without a system call per write; <see cref="FileSync.DataSync"/> of the
/// file flushes them like any other dirty page. Only over bytes the file already has: a store into a mapped page
/// past the end of the file, or into a hole the file system must allocate, can fault (SIGBUS) instead of
/// returning an error, so the WAL maps only what it has zero-filled with ordinary writes.
/// </summary>
internal sealed unsafe partial class MappedWriteWindow : IDisposable
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapShared = 1;

    private byte* _address;

    private MappedWriteWindow(byte* address, long offset, long length)
    {
        _address = address;
        Offset = offset;
        Length = length;
    }

    /// <summary>Where in the file the window starts.</summary>
    public long Offset { get; }

    /// <summary>How many bytes of the file the window covers.</summary>
    public long Length { get; }

    /// <summary>Whether memory maps are used on this OS (Linux and macOS; elsewhere the WAL writes with system calls).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Maps [<paramref name="offset"/>, +<paramref name="length"/>) of the file; null when the OS refuses (the caller writes instead).</summary>
    /// <param name="handle">The file, open for writing.</param>
    /// <param name="offset">A multiple of the page size.</param>
    /// <param name="length">Bytes to map; all of them must exist in the file.</param>
    public static MappedWriteWindow? TryMap(SafeFileHandle handle, long offset, long length)
    {
        if (!IsSupported || length <= 0)
        {
            return null;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var address = Mmap(IntPtr.Zero, (nuint)length, ProtRead | ProtWrite, MapShared, (int)handle.DangerousGetHandle(), offset);
            return address == -1 ? null : new MappedWriteWindow((byte*)address, offset, length);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Whether [<paramref name="fileOffset"/>, +<paramref name="count"/>) lies inside the window.</summary>
    public bool Covers(long fileOffset, int count) => fileOffset >= Offset && fileOffset + count <= Offset + Length;

    /// <summary>Copies <paramref name="bytes"/> to <paramref name="fileOffset"/>, which must be <see cref="Covers">covered</see>.</summary>
    public void Write(long fileOffset, ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_address is null, this);
        if (!Covers(fileOffset, bytes.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(fileOffset), "The write is outside the mapped window.");
        }

        bytes.CopyTo(new Span<byte>(_address + (fileOffset - Offset), bytes.Length));
    }

    /// <summary>Unmaps the window; the bytes written stay in the page cache and go to disk as dirty pages do.</summary>
    public void Dispose()
    {
        if (_address is not null)
        {
            _ = Munmap((IntPtr)_address, (nuint)Length);
            _address = null;
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(IntPtr address, nuint length);
}
