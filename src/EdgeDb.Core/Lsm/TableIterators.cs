using EdgeDb.MemTables;
using EdgeDb.Tables;

namespace EdgeDb.Lsm;

/// <summary>Adapts a table's iterator to <see cref="IInternalIterator"/>, so tables merge with MemTables.</summary>
internal static class TableIterators
{
    /// <param name="reader">The table.</param>
    /// <param name="fillCache">False for a compaction, whose reads must not displace cached blocks.</param>
    public static IInternalIterator Create(TableReader reader, bool fillCache = true) => new Adapter(reader.CreateIterator(fillCache));

    private sealed class Adapter(TableIterator inner) : IInternalIterator
    {
        public bool Valid => inner.Valid;

        public ReadOnlySpan<byte> Key => inner.Key;

        // The table's key buffer is reused as the iterator moves: a key handed out must be a copy.
        public ReadOnlyMemory<byte> KeyMemory => inner.Key.ToArray();

        public ulong Sequence => inner.Sequence;

        public MemTableEntryKind Kind => inner.Kind;

        public ReadOnlyMemory<byte> Value => inner.Value;

        public void SeekToFirst() => inner.SeekToFirst();

        public void Seek(ReadOnlySpan<byte> key, ulong sequence) => inner.Seek(key, sequence);

        public void MoveNext() => inner.MoveNext();
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
