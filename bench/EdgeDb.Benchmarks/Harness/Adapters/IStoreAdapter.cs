namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>The durability a run asks of a store; each adapter maps it to its own closest mode and says which.</summary>
internal enum DurabilityClass
{
    /// <summary>A write may still sit in the process when the call returns (lost on a process crash).</summary>
    Buffered,

    /// <summary>A write has reached the OS (write system call) when the call returns: survives a process crash.</summary>
    Flushed,

    /// <summary>A write is fsynced when the call returns: survives power loss.</summary>
    Synced,
}

/// <summary>
/// One store behind the harness. Every operation is one write (one transaction) of one key, so every store batches
/// the same way; an adapter uses the store's natural API and adds no batching of its own. Implementations are safe for
/// concurrent <see cref="Put"/> calls (the multi-writer synced workload).
/// </summary>
internal interface IStoreAdapter : IDisposable
{
    /// <summary>What the store actually does on a write at the requested class, for the table (e.g. "sync=false").</summary>
    string DurabilityLabel { get; }

    /// <summary>
    /// False when the store has no mode that keeps the requested class's promise (ZoneTree and LiteDB never fsync a
    /// write): its rows are shown, labelled, but never taken as the best peer of that class.
    /// </summary>
    bool MeetsClass => true;

    void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Reads the value into an array the caller owns (as every store's get returns); false when absent.</summary>
    bool TryGet(ReadOnlySpan<byte> key, out int valueLength);

    void Delete(ReadOnlySpan<byte> key);

    /// <summary>Reads up to <paramref name="count"/> entries in key order from <paramref name="start"/>; returns how many.</summary>
    int Scan(ReadOnlySpan<byte> start, int count);

    /// <summary>
    /// Waits for the store's own background work (flush, compaction, merge, checkpoint) to settle, without forcing
    /// the in-memory buffer out where the store has one: what the WAL holds stays in the WAL. Used before the
    /// bytes on disk are counted; not timed.
    /// </summary>
    void Settle();
}
