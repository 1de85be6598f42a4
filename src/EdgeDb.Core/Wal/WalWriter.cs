using EdgeDb.Diagnostics;
using EdgeDb.Storage;

namespace EdgeDb.Wal;

/// <summary>
/// Appends records to the newest WAL segment and rotates segments (docs/wal-format.md, "Writing").
/// Records are staged in a buffer the writer owns and handed to the OS with positional writes, so a failed
/// write can never be replayed later by a stream buffer; after any I/O failure the writer refuses all work.
/// With preallocation the segment is kept zero-filled ahead of the records, so a sync after a commit has only
/// data to flush, and (where the OS has memory maps) records are copied into a shared map of the zeroed
/// region instead of being handed over with a write call each (docs/wal-format.md, "Writing").
/// </summary>
internal sealed class WalWriter : IDisposable
{
    /// <summary>Under <see cref="Durability.Buffered"/>, a buffer this full is handed to the OS without waiting for the timer.</summary>
    internal const int BufferedWriteThreshold = 64 * 1024;

    private const int InitialBufferSize = 64 * 1024;

    private readonly object _gate = new();
    private readonly StoreDirectory _directory;
    private readonly long _segmentSizeLimit;
    private readonly bool _preallocate;
    private StoreFile? _handle;
    private ulong _segmentNumber;
    private long _fileLength;
    private long _zeroedEnd;
    private bool _preallocationFailed;
    private MappedWriteWindow? _window;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _buffered;
    private Exception? _failure;
    private long _syncCount;

    private WalWriter(StoreDirectory directory, long segmentSizeLimit, bool preallocate, StoreFile handle, ulong segmentNumber, long fileLength)
    {
        _directory = directory;
        _segmentSizeLimit = segmentSizeLimit;
        _preallocate = preallocate;
        _handle = handle;
        _segmentNumber = segmentNumber;
        _fileLength = fileLength;

        // Recovery accepted everything past the records only if it is zeros (or cut it off), so it can be written over.
        _zeroedEnd = Math.Max(fileLength, handle.GetLength());
    }

    /// <summary>fsyncs of segments made by this writer (the group-commit tests count them).</summary>
    public long SyncCount => Interlocked.Read(ref _syncCount);

    /// <summary>Starts a new, empty segment.</summary>
    /// <param name="directory">The store directory.</param>
    /// <param name="segmentNumber">The number of the segment to create.</param>
    /// <param name="segmentSizeLimit">The size past which the next segment is started.</param>
    /// <param name="preallocate">Keep the segment zero-filled ahead of the records (docs/wal-format.md, "Writing").</param>
    public static WalWriter Create(StoreDirectory directory, ulong segmentNumber, long segmentSizeLimit, bool preallocate = false)
    {
        var handle = CreateSegment(directory, segmentNumber);
        return new WalWriter(directory, segmentSizeLimit, preallocate, handle, segmentNumber, WalFormat.SegmentHeaderSize);
    }

    /// <summary>Continues a recovered segment after its last valid record (any cut tail already truncated, a zero tail kept).</summary>
    /// <param name="directory">The store directory.</param>
    /// <param name="segmentNumber">The number of the segment to continue.</param>
    /// <param name="validLength">The end of its last valid record.</param>
    /// <param name="segmentSizeLimit">The size past which the next segment is started.</param>
    /// <param name="preallocate">Keep the segment zero-filled ahead of the records (docs/wal-format.md, "Writing").</param>
    public static WalWriter Continue(StoreDirectory directory, ulong segmentNumber, long validLength, long segmentSizeLimit, bool preallocate = false)
    {
        var handle = directory.Files.Open(directory.SegmentPath(segmentNumber), FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        return new WalWriter(directory, segmentSizeLimit, preallocate, handle, segmentNumber, validLength);
    }

    /// <summary>Stages one record; nothing reaches the OS until <see cref="Commit"/>.</summary>
    public void Append(ulong firstSequence, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            EnsureCapacity(WalFormat.RecordHeaderSize + payload.Length);
            var destination = _buffer.AsSpan(_buffered);
            WalFormat.WriteRecordHeader(destination, firstSequence, payload);
            payload.CopyTo(destination[WalFormat.RecordHeaderSize..]);
            _buffered += WalFormat.RecordHeaderSize + payload.Length;
        }
    }

    /// <summary>
    /// Makes the staged records as durable as <paramref name="durability"/> asks, in one write call (and one
    /// fsync under <see cref="Durability.Synced"/>). Rotation is separate (<see cref="RotateIfFull"/>), so that a
    /// failure to start the next segment is never reported as the failure of records already written.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">The write or fsync failed; the writer is now failed.</exception>
    public void Commit(Durability durability)
    {
        lock (_gate)
        {
            ThrowIfFailed();
            try
            {
                if (durability != Durability.Buffered || _buffered >= BufferedWriteThreshold)
                {
                    WriteBuffer();
                }

                if (durability == Durability.Synced)
                {
                    SyncSegment();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(ex);
            }
        }
    }

    /// <summary>Starts the next segment when the current one has reached the size limit.</summary>
    /// <exception cref="EdgeStoreFailedException">The write, fsync or creation failed; the writer is now failed.</exception>
    public void RotateIfFull()
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (_fileLength + _buffered < _segmentSizeLimit)
            {
                return;
            }

            try
            {
                Rotate();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(ex);
            }
        }
    }

    /// <summary>
    /// Closes the current segment (written and fsynced) and starts the next; returns its number. The LSM calls
    /// this when it freezes a MemTable, so that every record of that MemTable lies in older segments.
    /// </summary>
    /// <exception cref="EdgeStoreFailedException">The write, fsync or creation failed; the writer is now failed.</exception>
    public ulong StartNewSegment()
    {
        lock (_gate)
        {
            ThrowIfFailed();
            try
            {
                Rotate();
                return _segmentNumber;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(ex);
            }
        }
    }

    /// <summary>Hands buffered records to the OS (the <see cref="Durability.Buffered"/> timer). Records, never throws, a failure.</summary>
    public void WriteBuffered()
    {
        lock (_gate)
        {
            if (_failure is not null || _handle is null || _buffered == 0)
            {
                return;
            }

            try
            {
                WriteBuffer();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _ = Fail(ex);
            }
        }
    }

    /// <summary>Writes and fsyncs everything staged so far.</summary>
    /// <exception cref="EdgeStoreFailedException">The write or fsync failed; the writer is now failed.</exception>
    public void Sync()
    {
        lock (_gate)
        {
            ThrowIfFailed();
            try
            {
                WriteBuffer();
                SyncSegment();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Fail(ex);
            }
        }
    }

    /// <summary>Throws <see cref="EdgeStoreFailedException"/> if an earlier write failed.</summary>
    public void ThrowIfFailed()
    {
        var failure = Volatile.Read(ref _failure);
        if (failure is not null)
        {
            throw new EdgeStoreFailedException(
                "An earlier write to the WAL failed, so the store refuses writes until it is reopened: " + failure.Message, failure);
        }
    }

    /// <summary>Writes and fsyncs what is staged (unless the writer failed), cuts the zero tail, then closes the segment.</summary>
    public void Dispose() => _ = Close();

    /// <summary>
    /// <see cref="Dispose"/>, returning the error if the last write or fsync failed (the caller logs it: a close
    /// cannot throw, and under <see cref="Durability.Flushed"/> the writes it could not sync are still in the page cache).
    /// </summary>
    public Exception? Close()
    {
        lock (_gate)
        {
            if (_handle is null)
            {
                return null;
            }

            try
            {
                if (_failure is null)
                {
                    WriteBuffer();
                    SyncSegment();
                    TrimZeroTail();
                }

                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _ = Fail(ex);
                return ex;
            }
            finally
            {
                _window?.Dispose();
                _window = null;
                _handle.Dispose();
                _handle = null;
            }
        }
    }

    private static StoreFile CreateSegment(StoreDirectory directory, ulong segmentNumber)
    {
        // Create under a temporary name and rename once the header is durable, so a segment under its real
        // name always has a complete header (docs/wal-format.md, "Segment header").
        var files = directory.Files;
        var path = directory.SegmentPath(segmentNumber);
        var temp = StoreFileNames.Temp(path);
        using (var tempHandle = files.Open(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            Span<byte> header = stackalloc byte[WalFormat.SegmentHeaderSize];
            WalFormat.WriteSegmentHeader(header, segmentNumber);
            tempHandle.Write(header, 0);
            tempHandle.Sync();
        }

        files.Move(temp, path, overwrite: false);
        directory.Sync();
        return files.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
    }

    private void WriteBuffer()
    {
        if (_buffered == 0)
        {
            return;
        }

        if (_preallocate && !_preallocationFailed && _fileLength + _buffered > _zeroedEnd)
        {
            ZeroFillAhead(_fileLength + _buffered);
        }

        var records = _buffer.AsSpan(0, _buffered);
        if (!TryWriteMapped(records))
        {
            _handle!.Write(records, _fileLength);
        }

        _fileLength += _buffered;
        EdgeDbMetrics.WalBytesWritten.Add(_buffered);
        _buffered = 0;
        if (_buffer.Length > 16 * InitialBufferSize)
        {
            // One huge batch should not pin its buffer for the life of the store.
            _buffer = new byte[InitialBufferSize];
        }
    }

    /// <summary>
    /// Copies <paramref name="records"/> to the end of the log through the memory map of the zero-filled region,
    /// mapping the region that holds them first if needed. False when they are not all inside zero-filled bytes
    /// (preallocation failed or is off) or the OS has no maps: the caller writes them with a system call.
    /// </summary>
    private bool TryWriteMapped(ReadOnlySpan<byte> records)
    {
        if (!_preallocate || !MappedWriteWindow.IsSupported || _fileLength + records.Length > _zeroedEnd)
        {
            return false;
        }

        if (_window is null || !_window.Covers(_fileLength, records.Length))
        {
            _window?.Dispose();
            var start = _fileLength / WalFormat.PreallocationStep * WalFormat.PreallocationStep;
            _window = _handle!.TryMap(start, _zeroedEnd - start);
            if (_window is null || !_window.Covers(_fileLength, records.Length))
            {
                return false;
            }
        }

        // One copy per record, in log order. A single copy of several records may store their bytes in any order (a
        // memmove can write its tail first), so a process killed in the middle could leave a later record whole behind
        // an earlier torn one, which recovery rightly refuses as damage in the middle of the history. Copied one by
        // one, a kill leaves whole records and at most one torn one at the end (docs/wal-format.md, "Writing").
        var at = _fileLength;
        while (!records.IsEmpty)
        {
            var length = WalFormat.RecordHeaderSize + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(records[4..]);
            _window.Write(at, records[..length]);
            at += length;
            records = records[length..];
        }

        return true;
    }

    /// <summary>
    /// Writes zeros from the end of the zeroed region to a step past <paramref name="needed"/>, so the records up to
    /// there overwrite allocated blocks of a file whose size does not change when they are synced.
    /// </summary>
    private void ZeroFillAhead(long needed)
    {
        // A step past what is needed, but not past the segment's size limit (a small limit would otherwise leave
        // mostly zeros in every rotated segment), and never short of the records themselves.
        var step = WalFormat.PreallocationStep;
        var end = Math.Max(needed, Math.Min((needed + step) / step * step, _segmentSizeLimit));
        if (end <= _zeroedEnd)
        {
            return;
        }

        var zeros = WalFormat.Zeros;
        var at = Math.Max(_zeroedEnd, _fileLength);
        try
        {
            for (; at < end; at += zeros.Length)
            {
                _handle!.Write(zeros.AsSpan(0, (int)Math.Min(zeros.Length, end - at)), at);
            }
        }
        catch (IOException)
        {
            // Preallocation only makes syncs cheaper; on a nearly full disk the records may still fit where the
            // zeros did not. Whatever zeros were written are a zero tail, which readers skip. Records are appended
            // as usual until the next segment tries again; a failure to write a record still fails the store.
            _preallocationFailed = true;
        }

        EdgeDbMetrics.WalBytesPreallocated.Add(at - _zeroedEnd);
        _zeroedEnd = Math.Max(_zeroedEnd, Math.Min(at, end));
    }

    /// <summary>
    /// On a clean close, cuts the preallocated zeros so a closed store's log ends at its last record (a crash
    /// leaves them, which readers accept). The records were synced first, so only the size changes here.
    /// </summary>
    private void TrimZeroTail()
    {
        _window?.Dispose();
        _window = null;
        if (_zeroedEnd > _fileLength)
        {
            _handle!.SetLength(_fileLength);
            _handle.DataSync();
            _zeroedEnd = _fileLength;
        }
    }

    private void SyncSegment()
    {
        _handle!.DataSync();
        Interlocked.Increment(ref _syncCount);
        EdgeDbMetrics.WalSyncs.Add(1);
    }

    private void Rotate()
    {
        // The full segment is made durable before the next exists, so no crash can keep a later segment
        // and lose an earlier one's tail; it ends at its last record, so damage at its end is still damage.
        WriteBuffer();
        SyncSegment();
        TrimZeroTail();
        var next = _segmentNumber + 1;
        var handle = CreateSegment(_directory, next);
        _window?.Dispose();
        _window = null;
        _handle!.Dispose();
        _handle = handle;
        _segmentNumber = next;
        _fileLength = WalFormat.SegmentHeaderSize;
        _zeroedEnd = WalFormat.SegmentHeaderSize;
        _preallocationFailed = false;
        EdgeDbMetrics.WalSegmentsCreated.Add(1);
    }

    private void EnsureCapacity(int additional)
    {
        long needed = (long)_buffered + additional;
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = new byte[(int)Math.Min(Math.Max(needed, (long)_buffer.Length * 2), Array.MaxLength)];
        _buffer.AsSpan(0, _buffered).CopyTo(grown);
        _buffer = grown;
    }

    private EdgeStoreFailedException Fail(Exception cause)
    {
        // Whatever was staged is dropped: it was never acknowledged, and appending after a failed write
        // could put acknowledged records behind bytes of unknown state.
        _failure ??= cause;
        _buffered = 0;
        return new EdgeStoreFailedException(
            $"Writing the WAL failed ({cause.Message}); the store refuses writes until it is reopened.", cause);
    }
}
