namespace EdgeDb.Storage;

/// <summary>
/// An open file of the store, read and written at explicit offsets, never through a stream buffer (a failed
/// write must not linger to be written later). Obtained from <see cref="FileSystem.Open"/>; thread-safe for
/// concurrent positional reads.
/// </summary>
internal abstract class StoreFile : IDisposable
{
    protected StoreFile(string path)
    {
        Path = path;
    }

    /// <summary>The file's full path (for messages).</summary>
    public string Path { get; }

    /// <summary>The file's current size.</summary>
    public abstract long GetLength();

    /// <summary>Reads up to <paramref name="destination"/>'s length at <paramref name="offset"/>; 0 at the end of the file.</summary>
    public abstract int Read(Span<byte> destination, long offset);

    /// <summary>Writes all of <paramref name="source"/> at <paramref name="offset"/>, or throws.</summary>
    public abstract void Write(ReadOnlySpan<byte> source, long offset);

    /// <summary>Sets the file's size (truncating a cut WAL tail, trimming preallocated zeros).</summary>
    public abstract void SetLength(long length);

    /// <summary>fsync: the file's data and metadata are durable when it returns.</summary>
    public abstract void Sync();

    /// <summary>fdatasync where the OS has it (data and the metadata needed to read it back), else <see cref="Sync"/>.</summary>
    public abstract void DataSync();

    /// <summary>
    /// A shared writable map of [<paramref name="offset"/>, +<paramref name="length"/>), all of which the file already
    /// holds; null when the OS has no maps or refuses (the caller then writes with <see cref="Write"/>).
    /// </summary>
    public abstract MappedWriteWindow? TryMap(long offset, long length);

    /// <summary>Reads exactly <paramref name="destination"/>'s length at <paramref name="offset"/>; false when the file ends first.</summary>
    public bool TryReadExactly(Span<byte> destination, long offset)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = Read(destination[done..], offset + done);
            if (read == 0)
            {
                return false;
            }

            done += read;
        }

        return true;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
