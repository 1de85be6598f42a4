namespace EdgeDb;

/// <summary>
/// What a write survives once the call that made it has returned. See docs/durability.md.
/// </summary>
public enum Durability
{
    /// <summary>
    /// The write is buffered in the store and handed to the operating system within
    /// <see cref="EdgeStoreOptions.BufferedWriteInterval"/>: a process crash may lose the last few milliseconds.
    /// </summary>
    Buffered = 0,

    /// <summary>The write reached the operating system before the call returned: it survives a process crash.</summary>
    Flushed = 1,

    /// <summary>The write was fsynced before the call returned: it survives power loss. Concurrent writers share fsyncs.</summary>
    Synced = 2,
}
