using Microsoft.Extensions.Logging;

namespace EdgeDb;

/// <summary>Settings of an <see cref="EdgeStore"/>, validated by <see cref="EdgeStore.Open"/>.</summary>
public sealed class EdgeStoreOptions
{
    /// <summary>The largest key any store accepts, whatever <see cref="MaxKeySize"/> says (the WAL encodes key lengths up to it).</summary>
    public const int KeySizeLimit = 64 * 1024;

    /// <summary>The largest value any store accepts, and the largest encoded batch.</summary>
    public const int ValueSizeLimit = 256 * 1024 * 1024;

    /// <summary>The largest <see cref="MemTableSizeBytes"/>: 4 GiB (a MemTable's arena addresses at most that plus one batch).</summary>
    public const long MemTableSizeLimit = 4L * 1024 * 1024 * 1024;

    /// <summary>What a write survives once its call returns. Default <see cref="Durability.Flushed"/>.</summary>
    public Durability Durability { get; set; } = Durability.Flushed;

    /// <summary>
    /// The size at which the MemTable is frozen and flushed to a table in the background. Default 64 MiB, at least
    /// 4 KiB, at most <see cref="MemTableSizeLimit"/>. Memory holds at most three MemTables (one active, two being flushed) plus the block cache.
    /// </summary>
    public long MemTableSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest key in bytes. Default 1 KiB, at most <see cref="KeySizeLimit"/>.</summary>
    public int MaxKeySize { get; set; } = 1024;

    /// <summary>The largest value in bytes. Default 16 MiB, at most <see cref="ValueSizeLimit"/>.</summary>
    public int MaxValueSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>The byte budget of the cache of table blocks shared by all reads. Default 32 MiB; 0 disables it.</summary>
    public long BlockCacheSizeBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How table blocks are compressed on disk. Default <see cref="EdgeCompression.None"/>.</summary>
    public EdgeCompression Compression { get; set; } = EdgeCompression.None;

    /// <summary>How a damaged write-ahead log is treated on open. Default <see cref="WalRecoveryMode.TolerateCorruptedTail"/>.</summary>
    public WalRecoveryMode RecoveryMode { get; set; } = WalRecoveryMode.TolerateCorruptedTail;

    /// <summary>The size at which a WAL segment is closed and the next one started. Default 64 MiB, at least 4 KiB.</summary>
    public long WalSegmentSizeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Under <see cref="Durability.Buffered"/>, how often buffered writes are handed to the OS. Default 5 ms.</summary>
    public TimeSpan BufferedWriteInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The clock that decides when a version written with an expiry is gone. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the store logs recovery and failures; none by default.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The file system every call of the store goes through; the fault tests replace it (docs/testing.md).</summary>
    internal Storage.FileSystem FileSystem { get; set; } = Storage.FileSystem.Os;

    /// <summary>Throws <see cref="ArgumentException"/> for settings that make no sense.</summary>
    internal void Validate()
    {
        if (TimeProvider is null)
        {
            throw new ArgumentException("TimeProvider must not be null.", nameof(TimeProvider));
        }

        if (!Enum.IsDefined(Durability))
        {
            throw new ArgumentException($"Unknown durability level {(int)Durability}.", nameof(Durability));
        }

        if (!Enum.IsDefined(RecoveryMode))
        {
            throw new ArgumentException($"Unknown WAL recovery mode {(int)RecoveryMode}.", nameof(RecoveryMode));
        }

        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Unknown compression {(int)Compression}.", nameof(Compression));
        }

        if (BlockCacheSizeBytes < 0)
        {
            throw new ArgumentException($"BlockCacheSizeBytes must not be negative; it is {BlockCacheSizeBytes}.", nameof(BlockCacheSizeBytes));
        }

        if (MemTableSizeBytes < 4096 || MemTableSizeBytes > MemTableSizeLimit)
        {
            throw new ArgumentException($"MemTableSizeBytes must be between 4096 and {MemTableSizeLimit}; it is {MemTableSizeBytes}.", nameof(MemTableSizeBytes));
        }

        if (MaxKeySize < 1 || MaxKeySize > KeySizeLimit)
        {
            throw new ArgumentException($"MaxKeySize must be between 1 and {KeySizeLimit}; it is {MaxKeySize}.", nameof(MaxKeySize));
        }

        if (MaxValueSize < 0 || MaxValueSize > ValueSizeLimit)
        {
            throw new ArgumentException($"MaxValueSize must be between 0 and {ValueSizeLimit}; it is {MaxValueSize}.", nameof(MaxValueSize));
        }

        if (WalSegmentSizeBytes < 4096)
        {
            throw new ArgumentException($"WalSegmentSizeBytes must be at least 4096; it is {WalSegmentSizeBytes}.", nameof(WalSegmentSizeBytes));
        }

        if (BufferedWriteInterval <= TimeSpan.Zero || BufferedWriteInterval > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException($"BufferedWriteInterval must be above zero and at most 10 s; it is {BufferedWriteInterval}.", nameof(BufferedWriteInterval));
        }
    }

    /// <summary>A copy, so that changing the caller's instance after open changes nothing.</summary>
    internal EdgeStoreOptions Clone() => (EdgeStoreOptions)MemberwiseClone();
}
