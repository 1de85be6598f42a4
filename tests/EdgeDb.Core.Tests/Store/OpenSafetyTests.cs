using System.Security.Cryptography;
using EdgeDb.Lsm;
using EdgeDb.Storage;
using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

/// <summary>
/// A store that fails to open is left exactly as it was found; a lost manifest is corruption, never an empty
/// store; a manifest that breaks the level invariant is refused (the fault report's data-destroying defects).
/// </summary>
public sealed class OpenSafetyTests : IDisposable
{
    private static readonly EdgeStoreOptions Tiny = new() { MemTableSizeBytes = 4096, WalSegmentSizeBytes = 4096 };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_missing_manifest_beside_tables_is_corruption_and_every_table_survives()
    {
        FillWithTables();
        File.Delete(_dir.Combine(StoreFileNames.Manifest));
        var before = Listing();
        Assert.Contains(before.Keys, name => name.EndsWith(".sst", StringComparison.Ordinal));

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, Tiny));

        Assert.Contains("no MANIFEST", error.Message);
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void A_manifest_that_is_not_a_file_is_corruption_and_changes_nothing()
    {
        FillWithTables();
        File.Delete(_dir.Combine(StoreFileNames.Manifest));
        Directory.CreateDirectory(_dir.Combine(StoreFileNames.Manifest));
        var before = Listing();

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, Tiny));

        Assert.Contains("directory", error.Message);
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void An_open_refused_by_the_WAL_deletes_nothing_not_even_what_looks_obsolete()
    {
        FillWithTables();

        // What a successful open would delete: an orphan table, a segment below the floor, interrupted temp files.
        var manifest = Manifests.Read(_dir.Path);
        File.WriteAllBytes(_dir.Combine(StoreFileNames.Table(manifest.NextFileNumber + 5)), [1, 2, 3]);
        File.WriteAllBytes(_dir.Combine(StoreFileNames.Segment(manifest.WalFloor - 1)), [4, 5, 6]);
        File.WriteAllBytes(_dir.Combine(StoreFileNames.ManifestTemp), [7]);
        File.WriteAllBytes(_dir.Combine(StoreFileNames.Temp(StoreFileNames.Segment(99))), [8]);

        // Damage in the middle of the live WAL: a record that is not the torn tail.
        var live = WalFiles.Segments(_dir.Path).Where(s => StoreFileNames.Parse(Path.GetFileName(s), out var n) == StoreFileKind.Segment && n >= manifest.WalFloor).ToList();
        var first = live[0];
        WalFiles.XorByte(first, WalFiles.RecordOffsets(first)[0] + 30, 0xFF);
        var before = Listing();

        Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 4096, WalSegmentSizeBytes = 4096, RecoveryMode = WalRecoveryMode.AbsoluteConsistency }));

        Assert.Equal(before, Listing());
    }

    [Fact]
    public void A_successful_open_deletes_exactly_what_the_manifest_proves_obsolete()
    {
        FillWithTables();
        var manifest = Manifests.Read(_dir.Path);
        var orphan = _dir.Combine(StoreFileNames.Table(manifest.NextFileNumber + 5));
        var belowFloor = _dir.Combine(StoreFileNames.Segment(manifest.WalFloor - 1));
        var foreign = _dir.Combine("notes.txt");
        File.WriteAllBytes(orphan, [1, 2, 3]);
        File.WriteAllBytes(belowFloor, [4, 5, 6]);
        File.WriteAllBytes(foreign, [9]);
        File.WriteAllBytes(_dir.Combine(StoreFileNames.ManifestTemp), [7]);

        using (var store = EdgeStore.Open(_dir.Path, Tiny))
        {
            Assert.Equal(400, store.Scan([], []).Count());
        }

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(belowFloor));
        Assert.False(File.Exists(_dir.Combine(StoreFileNames.ManifestTemp)));
        Assert.True(File.Exists(foreign), "a file the store did not name is never touched");
        Assert.All(manifest.Tables, t => Assert.True(File.Exists(_dir.Combine(StoreFileNames.Table(t.FileNumber)))));
    }

    [Fact]
    public void A_new_store_has_a_manifest_from_the_start()
    {
        using (EdgeStore.Open(_dir.Path, Tiny))
        {
        }

        Assert.Empty(Manifests.Read(_dir.Path).Tables);
    }

    [Fact]
    public void Overlapping_tables_in_a_sorted_level_are_refused_on_open()
    {
        // Two flushes of the same keys give two level-0 tables with the same key range.
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024 }))
        {
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < 100; i++)
                {
                    store.Put(Of($"k{i:D3}"), Of($"round {round}"));
                }

                store.Flush();
            }
        }

        var manifest = Manifests.Read(_dir.Path);
        Assert.Equal(2, manifest.Tables.Count(t => t.Level == 0));
        var moved = manifest with { Tables = manifest.Tables.Select(t => t with { Level = 1 }).ToList() };
        File.WriteAllBytes(_dir.Combine(StoreFileNames.Manifest), moved.Encode());
        var before = Listing();

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path));

        Assert.Contains("overlap", error.Message);
        Assert.Equal(before, Listing());
    }

    [Fact]
    public void A_table_that_is_not_the_one_the_manifest_lists_is_refused()
    {
        FillWithTables();
        var manifest = Manifests.Read(_dir.Path);
        var tables = manifest.Tables.OrderBy(t => t.FileNumber).ToList();
        var (a, b) = (_dir.Combine(StoreFileNames.Table(tables[0].FileNumber)), _dir.Combine(StoreFileNames.Table(tables[1].FileNumber)));
        File.Copy(b, a, overwrite: true);

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, Tiny));

        Assert.Contains("not the one the manifest lists", error.Message);
    }

    private void FillWithTables()
    {
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        for (var i = 0; i < 1200; i++)
        {
            store.Put(Of($"k{i % 400:D3}"), Of($"value {i} " + new string('x', 20)));
        }

        store.WaitForBackgroundWork();
        Assert.NotEmpty(Manifests.Read(_dir.Path).Tables);
    }

    /// <summary>Every file and directory in the store, with a hash of each file's bytes.</summary>
    private SortedDictionary<string, string> Listing()
    {
        var listing = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFileSystemEntries(_dir.Path))
        {
            listing[Path.GetFileName(path)] = Directory.Exists(path) ? "dir" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }

        return listing;
    }
}
