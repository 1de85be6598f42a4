using EdgeDb.Storage;

namespace EdgeDb.Tables;

/// <summary>
/// Appends to a new file through a buffer of its own with positional writes. Unlike a FileStream buffer,
/// nothing is left pending after a failed write: the error surfaces once and the bytes are dropped.
/// </summary>
internal sealed class TableFileBuffer : IDisposable
{
    private const int BufferSize = 256 * 1024;

    private readonly StoreFile _handle;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _buffered;
    private long _flushed;

    public TableFileBuffer(StoreFile handle)
    {
        _handle = handle;
    }

    /// <summary>The file offset the next appended byte lands at.</summary>
    public long Position => _flushed + _buffered;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= BufferSize)
        {
            // A large block goes straight to the file rather than through the buffer in pieces.
            WriteBuffered();
            _handle.Write(bytes, _flushed);
            _flushed += bytes.Length;
            return;
        }

        if (_buffered + bytes.Length > BufferSize)
        {
            WriteBuffered();
        }

        bytes.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += bytes.Length;
    }

    /// <summary>Hands what is buffered to the OS.</summary>
    public void WriteBuffered()
    {
        if (_buffered == 0)
        {
            return;
        }

        var count = _buffered;
        _buffered = 0;
        _handle.Write(_buffer.AsSpan(0, count), _flushed);
        _flushed += count;
    }

    /// <summary>Writes what is buffered and fsyncs the file.</summary>
    public void Sync()
    {
        WriteBuffered();
        _handle.Sync();
    }

    public void Dispose() => _handle.Dispose();
}
