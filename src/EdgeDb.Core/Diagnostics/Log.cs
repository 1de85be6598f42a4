using Microsoft.Extensions.Logging;

namespace EdgeDb.Diagnostics;

/// <summary>The store's log messages (source-generated: no boxing, no reflection).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Opened EdgeDb store at {Directory}: replayed {Records} WAL records from {Segments} segments, last sequence {LastSequence}")]
    public static partial void StoreOpened(ILogger logger, string directory, long records, int segments, ulong lastSequence);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cut a torn WAL tail of {Bytes} bytes at offset {Offset} of {Segment} ({Reason})")]
    public static partial void TornTailCut(ILogger logger, string segment, long offset, long bytes, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Salvage recovery stopped at damage in {Segment} at offset {Offset} ({Reason}); the unreplayed segments were copied to {LostDirectory}")]
    public static partial void SalvagedPrefix(ILogger logger, string segment, long offset, string reason, string lostDirectory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Handing buffered WAL records to the OS failed in the background; the store refuses writes until it is reopened")]
    public static partial void BackgroundWalWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Background flush or compaction failed; the store refuses writes until it is reopened")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Flushed a MemTable of {Entries} versions to a {Bytes}-byte level-0 table (sequence {Sequence})")]
    public static partial void Flushed(ILogger logger, long entries, long bytes, ulong sequence);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Compacted level {Level} ({Inputs} tables in) into level {OutputLevel} ({Outputs} tables out)")]
    public static partial void Compacted(ILogger logger, int level, int inputs, int outputLevel, int outputs);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Could not delete the obsolete file (or list the obsolete files in) {Path}; the next open deletes them")]
    public static partial void ObsoleteFileKept(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Could not fsync {Directory} after deleting obsolete files; a deleted file may reappear after a power loss, and the next open deletes it again")]
    public static partial void ObsoleteDeletionNotSynced(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Closing the store at {Directory} could not make its last writes durable")]
    public static partial void CloseFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Building index {Index} of collection {Collection} from its stored entities ({Reason})")]
    public static partial void IndexBuildStarted(ILogger logger, string collection, string index, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Index {Index} of collection {Collection}: {Entities} entities indexed so far")]
    public static partial void IndexBuildProgress(ILogger logger, string collection, string index, long entities);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Index {Index} of collection {Collection} is complete: {Entities} entities indexed")]
    public static partial void IndexBuilt(ILogger logger, string collection, string index, long entities);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Deleted {Entries} entries of index {Index} of collection {Collection}, which the model no longer has")]
    public static partial void IndexRemoved(ILogger logger, string collection, string index, long entries);
}
