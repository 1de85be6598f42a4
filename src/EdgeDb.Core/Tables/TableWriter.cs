using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using ZstdSharp;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>
/// Writes one sorted table (docs/table-format.md) from entries given in internal order. <see cref="Finish"/>
/// completes and fsyncs the file; the caller then fsyncs the directory. A writer that fails on I/O, or is
/// disposed without finishing, deletes its partial file. One thread at a time.
/// </summary>
internal sealed class TableWriter : IDisposable
{
    private readonly FileSystem _files;
    private readonly string _path;
    private readonly TableWriterOptions _options;
    private readonly TableFileBuffer _file;
    private readonly BlockBuilder _data = new(TableFormat.DataRestartInterval);
    private readonly BlockBuilder _index = new(TableFormat.IndexRestartInterval);
    private readonly List<ulong>? _keyHashes;
    private readonly Compressor? _zstd;
    private readonly Crc32 _crc = BlockTrailer.CreateCrc();
    private readonly byte[] _trailer = new byte[TableFormat.TrailerSize];
    private byte[] _compressed = [];
    private byte[] _lastKey = new byte[256];
    private int _lastKeyLength;
    private ulong _lastSequence;
    private byte[]? _smallestKey;
    private long _entries;
    private long _deletes;
    private long _distinctKeys;
    private long _blocks;
    private long _rawDataSize;
    private ulong _minSequence = ulong.MaxValue;
    private ulong _maxSequence;
    private bool _closed;

    private TableWriter(FileSystem files, string path, TableWriterOptions options, StoreFile handle)
    {
        _files = files;
        _path = path;
        _options = options;
        _file = new TableFileBuffer(handle);
        _keyHashes = options.BloomBitsPerKey > 0 ? [] : null;
        _zstd = options.Compression == TableCompression.Zstd ? new Compressor(options.ZstdLevel) : null;
    }

    /// <summary>Creates the file (it must not exist: a file number names one content forever).</summary>
    public static TableWriter Create(FileSystem files, string path, TableWriterOptions options)
    {
        options.Validate();
        var handle = files.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        return new TableWriter(files, path, options, handle);
    }

    public string Path => _path;

    /// <summary>The entries added so far.</summary>
    public long EntryCount => _entries;

    /// <summary>Adds the next entry; entries must come strictly ascending in internal order.</summary>
    public void Add(ReadOnlySpan<byte> key, ulong sequence, EntryKind kind, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (key.Length < 1 || key.Length > FormatLimits.MaxKeyLength)
        {
            throw new ArgumentException($"A table key must be 1 to {FormatLimits.MaxKeyLength} bytes; it is {key.Length}.", nameof(key));
        }

        if (value.Length > FormatLimits.MaxValueLength || (kind == EntryKind.Delete && !value.IsEmpty) || (kind == EntryKind.PutExpiring && value.Length < Expiry.Size))
        {
            throw new ArgumentException("A value must be at most 256 MiB, empty for a delete, and start with its 8-byte expiry for an expiring put.", nameof(value));
        }

        if (kind is not (EntryKind.Put or EntryKind.Delete or EntryKind.PutExpiring))
        {
            throw new ArgumentException($"Unknown entry kind {kind}.", nameof(kind));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, InternalKey.MaxSequence);

        var newKey = true;
        if (_entries > 0)
        {
            var last = _lastKey.AsSpan(0, _lastKeyLength);
            if (InternalKey.Compare(key, sequence, last, _lastSequence) <= 0)
            {
                throw new InvalidOperationException(
                    $"Table entries must be added in internal order (key ascending, then sequence descending); " +
                    $"{Convert.ToHexString(key)}@{sequence} follows {Convert.ToHexString(last)}@{_lastSequence}.");
            }

            newKey = !key.SequenceEqual(last);
        }

        if (newKey)
        {
            _distinctKeys++;
            _keyHashes?.Add(KeyDigest.Hash(key));
        }

        var entrySize = key.Length + value.Length + 8 + 15;
        if (!_data.IsEmpty && entrySize >= _options.BlockSize)
        {
            // A large entry gets a block of its own, so small neighbours are not read along with it.
            FinishDataBlock();
        }

        _data.Add(key, InternalKey.Tag(sequence, kind), value);
        RememberLast(key, sequence);
        _smallestKey ??= key.ToArray();
        _entries++;
        if (kind == EntryKind.Delete)
        {
            _deletes++;
        }

        _minSequence = Math.Min(_minSequence, sequence);
        _maxSequence = Math.Max(_maxSequence, sequence);
        if (_data.EstimatedSize >= _options.BlockSize)
        {
            FinishDataBlock();
        }
    }

    /// <summary>Writes the last data block, filter, properties, index and footer, and fsyncs the file.</summary>
    public TableProperties Finish()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_entries == 0)
        {
            throw new InvalidOperationException("A table holds at least one entry; abandon an empty writer instead.");
        }

        if (!_data.IsEmpty)
        {
            FinishDataBlock();
        }

        var properties = new TableProperties
        {
            FileSize = 0,
            EntryCount = _entries,
            DeleteCount = _deletes,
            DistinctKeyCount = _distinctKeys,
            DataBlockCount = _blocks,
            SmallestKey = _smallestKey!,
            LargestKey = _lastKey.AsSpan(0, _lastKeyLength).ToArray(),
            MinSequence = _minSequence,
            MaxSequence = _maxSequence,
            RawDataSize = _rawDataSize,
            Compression = _options.Compression,
            BlockSize = _options.BlockSize,
            BloomBitsPerKey = _options.BloomBitsPerKey,
        };

        long fileSize;
        try
        {
            BlockHandle? filter = null;
            if (_keyHashes is not null)
            {
                filter = WriteBlock(BloomFilter.Build(_keyHashes, _options.BloomBitsPerKey), TableCompression.None);
            }

            var encoded = new ArrayBufferWriter<byte>(256);
            TablePropertiesCodec.Encode(properties, encoded);
            var propertiesHandle = WriteBlock(encoded.WrittenSpan, TableCompression.None);
            var indexHandle = WriteBlock(_index.Finish(), TableCompression.None);

            Span<byte> footer = stackalloc byte[TableFormat.FooterSize];
            new TableFooter(filter, propertiesHandle, indexHandle).Encode(footer);
            _file.Append(footer);
            _file.Sync();
            fileSize = _file.Position;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail();
            throw;
        }

        _closed = true;
        _file.Dispose();
        _zstd?.Dispose();
        return properties with { FileSize = fileSize };
    }

    /// <summary>Stops writing and deletes the partial file.</summary>
    public void Abandon()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _file.Dispose();
        _zstd?.Dispose();
        try
        {
            _files.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Abandoning runs on failure paths, whose own error is the one to report; an unlisted table is
            // removed by the next open.
        }
    }

    /// <summary>Abandons the table unless <see cref="Finish"/> completed.</summary>
    public void Dispose() => Abandon();

    private void RememberLast(ReadOnlySpan<byte> key, ulong sequence)
    {
        if (_lastKey.Length < key.Length)
        {
            _lastKey = new byte[Math.Max(key.Length, _lastKey.Length * 2)];
        }

        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
        _lastSequence = sequence;
    }

    private void FinishDataBlock()
    {
        try
        {
            var raw = _data.Finish();
            _rawDataSize += raw.Length;
            var handle = WriteBlock(raw, _options.Compression);
            Span<byte> encodedHandle = stackalloc byte[TableFormat.HandleSize];
            BinaryPrimitives.WriteUInt64LittleEndian(encodedHandle, (ulong)handle.Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(encodedHandle[8..], (uint)handle.Size);

            // The index tag carries the block's last sequence number; its kind is always Put (the value is a handle).
            _index.Add(_lastKey.AsSpan(0, _lastKeyLength), InternalKey.Tag(_lastSequence, EntryKind.Put), encodedHandle);
            _data.Reset();
            _blocks++;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail();
            throw;
        }
    }

    private BlockHandle WriteBlock(ReadOnlySpan<byte> raw, TableCompression compression)
    {
        var stored = raw;
        var type = TableCompression.None;
        if (compression != TableCompression.None
            && BlockCompression.TryCompress(compression, raw, _zstd, ref _compressed, out var storedLength))
        {
            stored = _compressed.AsSpan(0, storedLength);
            type = compression;
        }

        var handle = new BlockHandle(_file.Position, stored.Length);
        BlockTrailer.Write(_trailer, stored, type, _crc);
        _file.Append(stored);
        _file.Append(_trailer);
        return handle;
    }

    /// <summary>After an I/O error: the partial file is deleted; the caller rethrows.</summary>
    private void Fail()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _file.Dispose();
        _zstd?.Dispose();
        try
        {
            _files.Delete(_path);
        }
        catch (IOException)
        {
            // The store deletes orphan tables on open; the original error is the one to report.
        }
    }
}
