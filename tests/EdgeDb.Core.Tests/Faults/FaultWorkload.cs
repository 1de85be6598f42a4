using System.Text;
using EdgeDb.Storage;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Faults;

/// <summary>
/// The scripted workload of the fault sweep: open, puts and deletes across many WAL rotations, flushes and a
/// compaction with their manifest updates, point reads and a scan of the tables, a sync and a close. It runs on any
/// file system, notes which operations were acknowledged, and afterwards checks a store reopened on the real file
/// system against the same script.
/// </summary>
internal sealed class FaultWorkload
{
    public const int Operations = 160;
    private const int Keys = 37;

    private readonly string _directory;
    private readonly Durability _durability;

    public FaultWorkload(string directory, Durability durability)
    {
        _directory = directory;
        _durability = durability;
    }

    /// <summary>The operations whose calls returned.</summary>
    public int Acknowledged { get; private set; }

    /// <summary>The operations that were begun: at most one more than <see cref="Acknowledged"/> (the one that failed).</summary>
    public int Attempted { get; private set; }

    /// <summary>The first exception any call of the store raised, and the step it came from.</summary>
    public (string Step, Exception Error)? Failure { get; private set; }

    /// <summary>Exceptions after the first one that the contract allows (fail-stop refusals), for the report.</summary>
    public List<string> Notes { get; } = [];

    public EdgeStoreOptions Options(FileSystem files, RecordingLogger? logger = null) => new()
    {
        FileSystem = files,
        Durability = _durability,
        MemTableSizeBytes = 4096,
        WalSegmentSizeBytes = 4096,
        BlockCacheSizeBytes = 64 * 1024,
        Logger = logger,
    };

    /// <summary>Runs the script on <paramref name="files"/>; a failure ends it as the contract says it must.</summary>
    public void Run(FileSystem files, RecordingLogger logger)
    {
        EdgeStore store;
        try
        {
            store = EdgeStore.Open(_directory, Options(files, logger));
        }
        catch (Exception e)
        {
            Failure = ("open", e);
            return;
        }

        using (store)
        {
            for (var i = 0; i < Operations; i++)
            {
                Attempted = i + 1;
                if (!Step($"operation {i}", () => Apply(store, i)))
                {
                    Attempted = i + 1;
                    CheckFailStop(store);
                    return;
                }

                Acknowledged = i + 1;
                if (i % 40 == 39 && !Step("wait for flushes and compactions", store.WaitForBackgroundWork))
                {
                    CheckFailStop(store);
                    return;
                }
            }

            // Reads of every key and a full scan go through the tables; a failed read is not a failed store.
            var model = ModelAfter(Operations);
            for (var key = 0; key < Keys; key++)
            {
                var k = key;
                Step($"read of key {k}", () => Assert.Equal(model.GetValueOrDefault(Key(k)), store.TryGet(Encoding.UTF8.GetBytes(Key(k)), out var v) ? Encoding.UTF8.GetString(v) : null));
            }

            Step("scan", () => Assert.Equal(model.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), Dump(store)));
            if (Failure is { Error: EdgeIOException })
            {
                // A read that failed leaves a working store: it still takes a write.
                Step("write after a failed read", () => store.Put("after-read"u8, "ok"u8));
            }

            if (!Step("sync", store.Sync))
            {
                CheckFailStop(store);
            }
        }
    }

    /// <summary>
    /// Reopens the store on the real file system and checks the contract: it opens, holds the state after a prefix of
    /// the script that includes every acknowledged operation, and its directory holds exactly the files its manifest
    /// and WAL account for.
    /// </summary>
    public void CheckAfterReopen()
    {
        using var store = EdgeStore.Open(_directory, Options(FileSystem.Os));
        var found = Dump(store).Where(p => p.Key != "after-read").ToList();
        var matches = Enumerable.Range(Acknowledged, Attempted - Acknowledged + 1)
            .Where(k => ModelAfter(k).OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(found))
            .ToList();
        Assert.True(
            matches.Count > 0,
            $"the reopened store is not the state after {Acknowledged}..{Attempted} operations (failure: {Failure?.Step}: {Failure?.Error.Message})");

        // Replay may have filled a MemTable whose flush is under way: the files are judged once it is done.
        store.WaitForBackgroundWork();
        var manifest = Manifests.Read(_directory);
        var listed = manifest.Tables.Select(t => StoreFileNames.Table(t.FileNumber)).Order(StringComparer.Ordinal).ToList();
        var names = Directory.GetFiles(_directory).Select(p => Path.GetFileName(p)).ToList();
        Assert.Equal(listed, names.Where(n => n.EndsWith(StoreFileNames.TableExtension, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());
        Assert.DoesNotContain(names, n => n.EndsWith(StoreFileNames.TempSuffix, StringComparison.Ordinal));
        Assert.All(
            names.Where(n => StoreFileNames.Parse(n, out _) == StoreFileKind.Segment),
            n => Assert.True(StoreFileNames.Parse(n, out var number) == StoreFileKind.Segment && number >= manifest.WalFloor, $"{n} is below the WAL floor {manifest.WalFloor}"));
        Assert.All(names, n => Assert.NotEqual(StoreFileKind.Foreign, StoreFileNames.Parse(n, out _)));
    }

    private static string Key(int key) => $"key-{key:D3}";

    private static string Value(int operation) => $"value-{operation:D5}-".PadRight(64, (char)('a' + (operation % 26)));

    private static bool IsDelete(int operation) => operation % 9 == 8;

    private static void Apply(EdgeStore store, int operation)
    {
        var key = Encoding.UTF8.GetBytes(Key(operation % Keys));
        if (IsDelete(operation))
        {
            store.Delete(key);
        }
        else if (operation % 5 == 4)
        {
            var batch = new WriteBatch();
            batch.Put(key, Encoding.UTF8.GetBytes(Value(operation)));
            batch.Put(Encoding.UTF8.GetBytes(Key((operation + 11) % Keys)), Encoding.UTF8.GetBytes(Value(operation)));
            store.Write(batch);
        }
        else
        {
            store.Put(key, Encoding.UTF8.GetBytes(Value(operation)));
        }
    }

    private static Dictionary<string, string> ModelAfter(int operations)
    {
        var model = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < operations; i++)
        {
            var key = Key(i % Keys);
            if (IsDelete(i))
            {
                model.Remove(key);
            }
            else
            {
                model[key] = Value(i);
                if (i % 5 == 4)
                {
                    model[Key((i + 11) % Keys)] = Value(i);
                }
            }
        }

        return model;
    }

    private static List<KeyValuePair<string, string>> Dump(EdgeStore store) =>
        store.Scan([], []).Select(e => KeyValuePair.Create(Encoding.UTF8.GetString(e.Key.Span), Encoding.UTF8.GetString(e.Value.Span))).ToList();

    /// <summary>Runs one step; an exception is recorded (the first one is the failure) and ends the step.</summary>
    private bool Step(string name, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
        {
            if (Failure is null)
            {
                Failure = (name, e);
            }
            else
            {
                Notes.Add($"{name}: {e.GetType().Name}");
            }

            return false;
        }
    }

    /// <summary>
    /// After a failed write the store refuses writes; after a failed write or fsync of the WAL, a sync never turns the
    /// failure into a success (a failed background flush leaves the WAL itself sound, so a sync may succeed then).
    /// </summary>
    private void CheckFailStop(EdgeStore store)
    {
        Assert.True(Failure?.Error is EdgeStoreFailedException, $"{Failure?.Step} failed with {Failure?.Error.GetType().Name}, not EdgeStoreFailedException: {Failure?.Error.Message}");
        Assert.Throws<EdgeStoreFailedException>(() => store.Put("after-failure"u8, "x"u8));
        if (Failure?.Error.InnerException?.Message.Contains(StoreFileNames.SegmentExtension, StringComparison.Ordinal) == true)
        {
            Assert.Throws<EdgeStoreFailedException>(store.Sync);
        }
    }
}
