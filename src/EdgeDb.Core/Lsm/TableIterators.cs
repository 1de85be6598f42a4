using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>Adapts a table's iterator to <see cref="IInternalIterator"/>, so tables merge with MemTables.</summary>
internal static class TableIterators
{
    /// <param name="reader">The table.</param>
    /// <param name="fillCache">False for a compaction, whose reads must not displace cached blocks.</param>
    public static IInternalIterator Create(TableReader reader, bool fillCache = true) => new Adapter(reader.CreateIterator(fillCache));

    private sealed class Adapter(TableIterator inner) : IInternalIterator
    {
        /// <summary>Keys handed out are carved from chunks of this size; a longer key gets an array of its own.</summary>
        private const int KeyChunkBytes = 4096;

        private byte[] _keyChunk = [];
        private int _keyChunkUsed;

        public bool Valid => inner.Valid;

        public ReadOnlySpan<byte> Key => inner.Key;

        public ReadOnlyMemory<byte> KeyMemory => CopyKey(inner.Key);

        public ulong Sequence => inner.Sequence;

        public EntryKind Kind => inner.Kind;

        public ReadOnlyMemory<byte> Value => inner.Value;

        public void SeekToFirst() => inner.SeekToFirst();

        public void Seek(ReadOnlySpan<byte> key, ulong sequence) => inner.Seek(key, sequence);

        public void MoveNext() => inner.MoveNext();

        public void Dispose() => inner.Dispose();

        /// <summary>
        /// The table's key buffer is reused as the iterator moves, and a scan hands the key to a user who may keep
        /// it, so the key handed out is a copy. Copies are appended to a chunk and never overwritten: one array per
        /// few hundred keys instead of one per key, and a key kept alive keeps at most its chunk, as a value kept
        /// alive keeps its block.
        /// </summary>
        private ReadOnlyMemory<byte> CopyKey(ReadOnlySpan<byte> key)
        {
            if (key.Length > KeyChunkBytes / 4)
            {
                return key.ToArray();
            }

            if (_keyChunk.Length - _keyChunkUsed < key.Length)
            {
                _keyChunk = new byte[KeyChunkBytes];
                _keyChunkUsed = 0;
            }

            var copy = _keyChunk.AsMemory(_keyChunkUsed, key.Length);
            key.CopyTo(_keyChunk.AsSpan(_keyChunkUsed));
            _keyChunkUsed += key.Length;
            return copy;
        }
    }
}

/// <summary>Translates the store's options and a finished table's properties for the LSM.</summary>
internal static class TableWriterSettings
{
    public static TableWriterOptions From(EdgeStoreOptions options) => new()
    {
        Compression = options.Compression switch
        {
            EdgeCompression.Lz4 => TableCompression.Lz4,
            EdgeCompression.Zstd => TableCompression.Zstd,
            _ => TableCompression.None,
        },
    };

    public static TableMetadata ToMetadata(int level, ulong fileNumber, TableProperties properties) => new(
        level,
        fileNumber,
        properties.FileSize,
        properties.EntryCount,
        properties.MinSequence,
        properties.MaxSequence,
        properties.SmallestKey,
        properties.LargestKey);
}
