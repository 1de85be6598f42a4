using System.Buffers.Binary;
using System.Numerics;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>
/// An open sorted table (docs/table-format.md). The footer, properties, index and filter are checked on open
/// and kept in memory; data blocks are read on demand with positional reads, so any number of threads may
/// look up and iterate at once.
/// </summary>
/// <remarks>
/// A point lookup that misses the cache reads the block into a buffer of its thread and copies out the one
/// value it returns, so it allocates nothing for the block unless the cache admits it (<see cref="BlockCache"/>),
/// which then gets a copy of its own. Iterators hand out values as memory over the block, so they always read
/// into a fresh array that the garbage collector owns.
/// </remarks>
internal sealed class TableReader : IDisposable
{
    /// <summary>Scratch buffers up to this size stay with their thread; a larger block is read into a one-off array.</summary>
    private const int MaxScratchBytes = 256 * 1024;

    [ThreadStatic]
    private static byte[]? t_stored;

    [ThreadStatic]
    private static byte[]? t_raw;

    [ThreadStatic]
    private static Block? t_block;

    private readonly StoreFile _handle;
    private readonly BlockCache? _cache;
    private readonly BloomFilter? _filter;
    private readonly long _dataEnd;

    private TableReader(string path, ulong fileNumber, StoreFile handle, BlockCache? cache, TableProperties properties, Block index, BloomFilter? filter, long dataEnd)
    {
        Path = path;
        FileNumber = fileNumber;
        _handle = handle;
        _cache = cache;
        Properties = properties;
        Index = index;
        _filter = filter;
        _dataEnd = dataEnd;
    }

    public string Path { get; }

    public ulong FileNumber { get; }

    public TableProperties Properties { get; }

    public bool HasFilter => _filter is not null;

    internal Block Index { get; }

    /// <summary>
    /// Opens and checks a table; any damage found raises <see cref="EdgeCorruptionException"/>, a failed read
    /// <see cref="EdgeIOException"/>.
    /// </summary>
    public static TableReader Open(FileSystem files, string path, ulong fileNumber, BlockCache? cache)
    {
        var handle = files.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            var length = handle.GetLength();
            if (length < TableFormat.FooterSize)
            {
                throw new EdgeCorruptionException($"Sorted table '{path}' is {length} bytes, shorter than its footer.", path, 0);
            }

            Span<byte> footerBytes = stackalloc byte[TableFormat.FooterSize];
            ReadExactly(handle, footerBytes, length - TableFormat.FooterSize, path);
            var footer = TableFooter.Decode(footerBytes, length, path);

            var propertiesBlock = ReadMetaBlock(handle, footer.Properties, path);
            var properties = TablePropertiesCodec.Decode(propertiesBlock.AsSpan(0, footer.Properties.Size), length, path, footer.Properties.Offset);

            var index = new Block(ReadMetaBlock(handle, footer.Index, path), footer.Index.Size, path, footer.Index.Offset);
            CheckIndex(index, properties, footer.DataEnd, path);
            index.IndexRestartPrefixes();

            BloomFilter? filter = null;
            if (footer.Filter is { } filterHandle)
            {
                filter = BloomFilter.Open(ReadMetaBlock(handle, filterHandle, path), filterHandle.Size, path, filterHandle.Offset);
            }

            return new TableReader(path, fileNumber, handle, cache, properties, index, filter, footer.DataEnd);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Finds the newest version of <paramref name="key"/> with a sequence number at or below
    /// <paramref name="snapshot"/>. A delete is found too (kind Delete, value null); false when the table has no
    /// such version.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, ulong snapshot, out EntryKind kind, out byte[]? value) =>
        TryGet(key, KeyDigest.Hash(key), snapshot, out kind, out value);

    /// <summary>
    /// <see cref="TryGet(ReadOnlySpan{byte}, ulong, out EntryKind, out byte[])"/> with the key's
    /// <see cref="KeyDigest.Hash"/> already computed (a point read computes it once for every table it asks).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, ulong snapshot, out EntryKind kind, out byte[]? value) =>
        Find(key, hash, snapshot, copyValue: true, out kind, out _, out value);

    /// <summary>The sequence number of the newest version of <paramref name="key"/> in the table; false when it has none.</summary>
    public bool TryGetNewestSequence(ReadOnlySpan<byte> key, ulong hash, out ulong sequence) =>
        Find(key, hash, InternalKey.MaxSequence, copyValue: false, out _, out sequence, out _);

    private bool Find(ReadOnlySpan<byte> key, ulong hash, ulong snapshot, bool copyValue, out EntryKind kind, out ulong sequence, out byte[]? value)
    {
        kind = default;
        sequence = 0;
        value = null;
        if (key.SequenceCompareTo(Properties.SmallestKey) < 0 || key.SequenceCompareTo(Properties.LargestKey) > 0)
        {
            return false;
        }

        if (_filter is not null && !_filter.MayContain(hash))
        {
            return false;
        }

        var index = new BlockCursor();
        var data = new BlockCursor();
        try
        {
            index.Reset(Index);
            var found = index.Seek(key, snapshot);
            if (found)
            {
                data.Reset(ReadBlock(index.ValueSpan, BlockDestination.ThreadScratch, fillCache: true));
                found = data.Seek(key, snapshot);
            }

            if (!found || !data.Key.SequenceEqual(key))
            {
                return false;
            }

            kind = data.Kind;
            sequence = data.Sequence;
            value = copyValue && kind != EntryKind.Delete ? data.ValueSpan.ToArray() : null;
            return true;
        }
        finally
        {
            index.Release();
            data.Release();
        }
    }

    /// <summary>A new iterator over the table in internal order; one thread per iterator.</summary>
    /// <param name="fillCache">
    /// False for a compaction: it reads each block once, from tables about to be deleted, so its misses neither
    /// enter the cache nor count towards admission; blocks already cached are still used.
    /// </param>
    public TableIterator CreateIterator(bool fillCache = true) => new(this, fillCache);

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The data block an index entry's value points at, from the cache or the file, in an array of its own (an
    /// iterator hands out memory over it). A miss is cached when <paramref name="fillCache"/> and the cache
    /// admits it.
    /// </summary>
    internal Block ReadDataBlock(ReadOnlySpan<byte> encodedHandle, bool fillCache = true) =>
        ReadBlock(encodedHandle, BlockDestination.OwnArray, fillCache);

    /// <summary>
    /// Reads the data block an index entry's value points at, from the cache or the file: the one routine of both
    /// read paths, which differ only in where a missed block lands (<paramref name="destination"/>). A miss that
    /// the cache admits always gets an array of its own, since the cache outlives any scratch buffer.
    /// </summary>
    private Block ReadBlock(ReadOnlySpan<byte> encodedHandle, BlockDestination destination, bool fillCache)
    {
        var (offset, size) = DecodeHandle(encodedHandle);
        if (_cache is not null && _cache.TryGet(FileNumber, offset, out var cached))
        {
            return cached;
        }

        var toScratch = destination == BlockDestination.ThreadScratch;
        var storedLength = size + TableFormat.TrailerSize;
        var stored = toScratch ? Scratch(ref t_stored, storedLength) : new byte[storedLength];
        var type = ReadVerified(stored.AsSpan(0, storedLength), offset);
        byte[] raw;
        int rawLength;
        if (type == TableCompression.None)
        {
            raw = stored;
            rawLength = size;
        }
        else
        {
            var storedBytes = stored.AsSpan(0, size);
            rawLength = BlockCompression.RawLength(type, storedBytes, Properties.RawDataSize, Path, offset);
            raw = toScratch ? Scratch(ref t_raw, rawLength) : new byte[rawLength];
            BlockCompression.DecompressTo(type, storedBytes, raw.AsSpan(0, rawLength), Path, offset);
        }

        var admitted = fillCache && _cache is not null && _cache.AdmitOnMiss(FileNumber, offset, rawLength);
        if (!toScratch || admitted)
        {
            var block = new Block(toScratch ? raw.AsSpan(0, rawLength).ToArray() : raw, rawLength, Path, offset);
            if (admitted)
            {
                _cache!.Insert(FileNumber, offset, block);
            }

            return block;
        }

        var scratch = t_block ??= Block.CreateScratch();
        scratch.Rebind(raw, rawLength, Path, offset);
        return scratch;
    }

    /// <summary>A thread's scratch buffer of at least <paramref name="length"/> bytes, or a one-off array for a large block.</summary>
    private static byte[] Scratch(ref byte[]? buffer, int length)
    {
        if (buffer is not null && buffer.Length >= length)
        {
            return buffer;
        }

        if (length > MaxScratchBytes)
        {
            return new byte[length];
        }

        // Rounded up so a thread meeting slightly larger blocks one after another grows its buffer only once.
        buffer = new byte[Math.Max((int)BitOperations.RoundUpToPowerOf2((uint)length), 8192)];
        return buffer;
    }

    private (long Offset, int Size) DecodeHandle(ReadOnlySpan<byte> encodedHandle)
    {
        var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(encodedHandle);
        var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(encodedHandle[8..]);

        // The handles were checked on open and the index is immutable since; this re-check is nearly free.
        if ((ulong)offset + (ulong)size + TableFormat.TrailerSize > (ulong)_dataEnd)
        {
            throw new EdgeCorruptionException($"Sorted table '{Path}': a data block handle points past the data region.", Path, offset);
        }

        return (offset, size);
    }

    /// <summary>Reads a data block and its trailer, checks the CRC and the compression type, and returns the type.</summary>
    private TableCompression ReadVerified(Span<byte> storedAndTrailer, long offset)
    {
        ReadExactly(_handle, storedAndTrailer, offset, Path);
        if (!BlockTrailer.Verify(storedAndTrailer, out var type))
        {
            throw new EdgeCorruptionException($"Sorted table '{Path}': the data block at offset {offset} fails its CRC.", Path, offset);
        }

        if (type is not (TableCompression.None or TableCompression.Lz4 or TableCompression.Zstd))
        {
            throw new EdgeCorruptionException($"Sorted table '{Path}': the data block at offset {offset} has unknown compression type {(byte)type}.", Path, offset);
        }

        return type;
    }

    /// <summary>Reads a filter, properties or index block, whose handle the footer check already bounded.</summary>
    private static byte[] ReadMetaBlock(StoreFile handle, BlockHandle block, string path)
    {
        var stored = new byte[block.Size + TableFormat.TrailerSize];
        ReadExactly(handle, stored, block.Offset, path);
        if (!BlockTrailer.Verify(stored, out var type))
        {
            throw new EdgeCorruptionException($"Sorted table '{path}': the block at offset {block.Offset} fails its CRC.", path, block.Offset);
        }

        if (type != TableCompression.None)
        {
            throw new EdgeCorruptionException($"Sorted table '{path}': the meta block at offset {block.Offset} is marked compressed.", path, block.Offset);
        }

        return stored;
    }

    /// <summary>
    /// Walks the index once: keys strictly ascending, handles contiguous from offset 0 to the end of the data
    /// region, as many as the properties say. After this every handle can be used without further bounds checks.
    /// </summary>
    private static void CheckIndex(Block index, TableProperties properties, long dataEnd, string path)
    {
        var cursor = new BlockCursor();
        var previousKey = new byte[256];
        var previousKeyLength = -1;
        ulong previousSequence = 0;
        long expectedOffset = 0;
        long count = 0;
        try
        {
            cursor.Reset(index);
            for (var more = cursor.SeekToFirst(); more; more = cursor.MoveNext())
            {
                var value = cursor.ValueSpan;
                if (value.Length != TableFormat.HandleSize)
                {
                    throw index.Corrupt("has an index entry whose value is not a block handle");
                }

                var offset = BinaryPrimitives.ReadUInt64LittleEndian(value);
                var size = BinaryPrimitives.ReadUInt32LittleEndian(value[8..]);
                if (offset != (ulong)expectedOffset || size < 1 || size > TableFormat.MaxRawBlockSize
                    || (ulong)dataEnd - offset < size + (ulong)TableFormat.TrailerSize)
                {
                    throw index.Corrupt($"has a data block handle ({offset}, {size}) outside the data region or not contiguous");
                }

                if (previousKeyLength >= 0 && InternalKey.Compare(previousKey.AsSpan(0, previousKeyLength), previousSequence, cursor.Key, cursor.Sequence) >= 0)
                {
                    throw index.Corrupt("has keys out of order");
                }

                if (previousKey.Length < cursor.Key.Length)
                {
                    previousKey = new byte[cursor.Key.Length];
                }

                cursor.Key.CopyTo(previousKey);
                previousKeyLength = cursor.Key.Length;
                previousSequence = cursor.Sequence;
                expectedOffset = (long)offset + size + TableFormat.TrailerSize;
                count++;
            }
        }
        finally
        {
            cursor.Release();
        }

        if (expectedOffset != dataEnd || count != properties.DataBlockCount)
        {
            throw index.Corrupt($"covers {count} blocks up to offset {expectedOffset}, not {properties.DataBlockCount} blocks up to {dataEnd}");
        }

        if (!properties.LargestKey.AsSpan().SequenceEqual(previousKey.AsSpan(0, previousKeyLength)))
        {
            throw new EdgeCorruptionException($"Sorted table '{path}': the last index key is not the largest key of the properties.", path, index.FileOffset);
        }
    }

    private static void ReadExactly(StoreFile handle, Span<byte> destination, long offset, string path)
    {
        bool complete;
        try
        {
            complete = handle.TryReadExactly(destination, offset);
        }
        catch (IOException e)
        {
            throw new EdgeIOException($"Reading sorted table '{path}' at offset {offset} failed: {e.Message}", path, e);
        }

        if (!complete)
        {
            throw new EdgeCorruptionException($"Sorted table '{path}' ends inside the block at offset {offset}, which it needs.", path, offset);
        }
    }
}

/// <summary>Where a data block read from the file lands.</summary>
internal enum BlockDestination
{
    /// <summary>A new array the garbage collector owns: an iterator hands out memory over the block.</summary>
    OwnArray,

    /// <summary>The reading thread's scratch buffers, valid until its next lookup: a point read copies out one value.</summary>
    ThreadScratch,
}
