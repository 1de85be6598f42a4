using Microsoft.Extensions.Logging;
using EdgeDb.Diagnostics;
using EdgeDb.Storage;

namespace EdgeDb.Lsm;

/// <summary>
/// Deletes the files a durable manifest proves obsolete (docs/lsm.md, "Files of a store"), and only those: never
/// before the state that supersedes them is durable, never a file whose name the store does not give. A failed
/// deletion loses nothing (the file is still unlisted, or still below the WAL floor), so it is logged and left for
/// the next open rather than failing the store.
/// </summary>
internal static class ObsoleteFiles
{
    /// <summary>
    /// After an open has succeeded: tables the manifest does not list (outputs of a flush or compaction whose
    /// manifest never became durable, inputs of one that did), WAL segments below its floor, and the temporary
    /// files of an interrupted segment creation or manifest write.
    /// </summary>
    public static void DeleteAfterOpen(StoreDirectory directory, Manifest manifest, ILogger logger)
    {
        var listed = manifest.Tables.Select(t => t.FileNumber).ToHashSet();
        var deleted = false;
        foreach (var path in TryList(directory, logger, () => directory.Files.ListFiles(directory.Path, "*")))
        {
            var obsolete = StoreFileNames.Parse(Path.GetFileName(path), out var number) switch
            {
                StoreFileKind.Table => !listed.Contains(number),
                StoreFileKind.Segment => number < manifest.WalFloor,
                StoreFileKind.SegmentTemp or StoreFileKind.ManifestTemp => true,
                _ => false,
            };
            if (obsolete)
            {
                deleted |= TryDelete(directory, path, logger);
            }
        }

        SyncAfterDeletion(directory, deleted, logger);
    }

    /// <summary>Deletes the WAL segments numbered below <paramref name="floor"/>, which a durable manifest no longer needs.</summary>
    public static void DeleteSegmentsBelow(StoreDirectory directory, ulong floor, ILogger logger)
    {
        var deleted = false;
        foreach (var (number, path) in TryList(directory, logger, directory.ListSegments))
        {
            if (number < floor)
            {
                deleted |= TryDelete(directory, path, logger);
            }
        }

        SyncAfterDeletion(directory, deleted, logger);
    }

    /// <summary>Deletes tables a durable manifest no longer lists (a compaction's inputs).</summary>
    public static void DeleteTables(StoreDirectory directory, IEnumerable<ulong> fileNumbers, ILogger logger)
    {
        var deleted = false;
        foreach (var number in fileNumbers)
        {
            deleted |= TryDelete(directory, directory.TablePath(number), logger);
        }

        SyncAfterDeletion(directory, deleted, logger);
    }

    /// <summary>A listing for deletion; one that fails deletes nothing now, and the next open lists again.</summary>
    private static IEnumerable<T> TryList<T>(StoreDirectory directory, ILogger logger, Func<IEnumerable<T>> list)
    {
        try
        {
            return list();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ObsoleteFileKept(logger, directory.Path, e);
            return [];
        }
    }

    private static bool TryDelete(StoreDirectory directory, string path, ILogger logger)
    {
        try
        {
            directory.Files.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ObsoleteFileKept(logger, path, e);
            return false;
        }
    }

    private static void SyncAfterDeletion(StoreDirectory directory, bool deleted, ILogger logger)
    {
        if (!deleted)
        {
            return;
        }

        try
        {
            directory.Sync();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ObsoleteDeletionNotSynced(logger, directory.Path, e);
        }
    }
}
