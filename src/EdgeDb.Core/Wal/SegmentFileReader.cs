using System.Buffers;
using EdgeDb.Storage;

namespace EdgeDb.Wal;

/// <summary>
/// Positional reads of one segment through a read-ahead window, so recovery costs one system call per
/// megabyte rather than two per record. Callers check every length against <see cref="Length"/> first.
/// </summary>
internal sealed class SegmentFileReader : IDisposable
{
    private const int WindowSize = 1024 * 1024;

    private readonly StoreFile _handle;
    private byte[] _window;
    private long _windowStart;
    private int _windowLength;

    public SegmentFileReader(FileSystem files, string path)
    {
        Path = path;
        _handle = files.Open(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        try
        {
            Length = _handle.GetLength();
        }
        catch
        {
            _handle.Dispose();
            throw;
        }

        // No bigger than the segment: a short log (a new store, a fuzz input) should not cost a megabyte to read.
        _window = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(Length, 1, WindowSize));
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The bytes at [offset, offset + count); valid until the next call. The range must lie within the file.</summary>
    public ReadOnlySpan<byte> Read(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "A read past the end of a segment; lengths must be checked first.");
        }

        if (offset >= _windowStart && offset + count <= _windowStart + _windowLength)
        {
            return _window.AsSpan((int)(offset - _windowStart), count);
        }

        if (count > _window.Length)
        {
            // Only after the length was checked against the bytes that exist, so the size is bounded by the file.
            ArrayPool<byte>.Shared.Return(_window);
            _window = ArrayPool<byte>.Shared.Rent(count);
        }

        var toRead = (int)Math.Min(_window.Length, Length - offset);
        var filled = 0;
        while (filled < toRead)
        {
            var read = _handle.Read(_window.AsSpan(filled, toRead - filled), offset + filled);
            if (read == 0)
            {
                throw new IOException($"The segment '{Path}' became shorter while it was being read.");
            }

            filled += read;
        }

        _windowStart = offset;
        _windowLength = filled;
        return _window.AsSpan(0, count);
    }

    /// <summary>The offset of the first non-zero byte at or after <paramref name="offset"/>, or <see cref="Length"/> if there is none.</summary>
    public long NextNonZero(long offset)
    {
        while (offset < Length)
        {
            // Small steps keep each read inside the current window, which a caller probing every offset relies on.
            var chunk = Read(offset, (int)Math.Min(4096, Length - offset));
            var found = chunk.IndexOfAnyExcept((byte)0);
            if (found >= 0)
            {
                return offset + found;
            }

            offset += chunk.Length;
        }

        return Length;
    }

    public void Dispose()
    {
        _handle.Dispose();
        ArrayPool<byte>.Shared.Return(_window);
        _window = [];
    }
}
