using EdgeDb.Tables;

namespace EdgeDb.Lsm;

/// <summary>
/// A live table: its manifest entry and open reader, reference-counted by the read states that list it, so
/// its reader is closed only when the last read that could use it is done (the file itself may already be
/// deleted by then: open handles keep reading an unlinked file).
/// </summary>
internal sealed class TableHandle
{
    private readonly ReaderLease _lease;

    // Starts at zero: the first read state that lists the table takes the first reference.
    private int _references;

    public TableHandle(TableMetadata metadata, TableReader reader)
        : this(metadata, new ReaderLease(reader))
    {
    }

    private TableHandle(TableMetadata metadata, ReaderLease lease)
    {
        Metadata = metadata;
        _lease = lease;
        lease.AddReference();
    }

    public TableMetadata Metadata { get; }

    public TableReader Reader => _lease.Reader;

    /// <summary>The same open table under another level (a trivial move): both handles share the reader.</summary>
    public TableHandle AtLevel(int level) => new(Metadata with { Level = level }, _lease);

    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>
    /// Drops a handle that never made it into a read state (its manifest failed to write): its reader closes unless
    /// another handle shares it (a trivial move's source).
    /// </summary>
    public void Discard() => _lease.Release();

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _lease.Release();
        }
    }

    /// <summary>Closes the reader when no handle needs it any more.</summary>
    private sealed class ReaderLease(TableReader reader)
    {
        private int _references;

        public TableReader Reader => reader;

        public void AddReference() => Interlocked.Increment(ref _references);

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                reader.Dispose();
            }
        }
    }
}
