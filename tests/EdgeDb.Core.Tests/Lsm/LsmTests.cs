using EdgeDb.Lsm;
using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Lsm;

public sealed class LsmTests : IDisposable
{
    private static readonly EdgeStoreOptions Tiny = new() { MemTableSizeBytes = 4096, WalSegmentSizeBytes = 4096 };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static EdgeStoreOptions Options(EdgeCompression compression = EdgeCompression.None) =>
        new() { MemTableSizeBytes = 4096, WalSegmentSizeBytes = 4096, Compression = compression };

    [Theory]
    [InlineData(EdgeCompression.None)]
    [InlineData(EdgeCompression.Lz4)]
    [InlineData(EdgeCompression.Zstd)]
    public void Data_far_beyond_the_MemTable_is_flushed_compacted_and_read_back(EdgeCompression compression)
    {
        var options = Options(compression);
        using (var store = EdgeStore.Open(_dir.Path, options))
        {
            for (var i = 0; i < 3000; i++)
            {
                store.Put(Of($"key{i % 1000:D4}"), Of($"value-{i}-" + new string('v', i % 50)));
            }

            store.WaitForBackgroundWork();
            Assert.True(store.MemTableBytes < options.MemTableSizeBytes);
            for (var i = 0; i < 1000; i++)
            {
                Assert.True(store.TryGet(Of($"key{i:D4}"), out var value));
                Assert.StartsWith($"value-{2000 + i}-", Text(value));
            }

            Assert.Equal(1000, store.Scan([], []).Count());
        }

        var manifest = Manifests.Read(_dir.Path);
        Assert.NotEmpty(manifest.Tables);
        Assert.Contains(manifest.Tables, t => t.Level > 0);
        Assert.Equal(
            manifest.Tables.Select(t => EdgeDb.Storage.StoreFileNames.Table(t.FileNumber)).Order(),
            Directory.GetFiles(_dir.Path, "*.sst").Select(Path.GetFileName).Order());

        using (var reopened = EdgeStore.Open(_dir.Path, options))
        {
            Assert.Equal(3000ul, reopened.LastSequence);
            Assert.Equal(1000, reopened.Scan([], []).Count());
            Assert.True(reopened.TryGet(Of("key0999"), out var last));
            Assert.StartsWith("value-2999-", Text(last));
        }
    }

    [Fact]
    public void Scanned_keys_from_tables_stay_valid_after_the_scan_moves_on()
    {
        // Versions and tombstones spread over tables: the scan skips older versions and deleted keys, and the keys
        // it yields (copied out of the tables' reused key buffers) must not change under a caller that keeps them.
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 600; i++)
            {
                store.Put(Of($"key{i:D4}-{new string('k', i % 40)}"), Of($"v{round}-{i}"));
            }
        }

        for (var i = 0; i < 600; i += 3)
        {
            store.Delete(Of($"key{i:D4}-{new string('k', i % 40)}"));
        }

        store.WaitForBackgroundWork();
        var kept = store.Scan([], []).ToList();
        var expected = Enumerable.Range(0, 600).Where(i => i % 3 != 0).ToList();
        Assert.Equal(expected.Select(i => $"key{i:D4}-{new string('k', i % 40)}"), kept.Select(e => Text(e.Key)));
        Assert.Equal(expected.Select(i => $"v2-{i}"), kept.Select(e => Text(e.Value)));
    }

    [Fact]
    public void Deletes_hide_flushed_values_and_tombstones_survive_compaction_until_nothing_is_left_to_hide()
    {
        using (var store = EdgeStore.Open(_dir.Path, Tiny))
        {
            for (var i = 0; i < 500; i++)
            {
                store.Put(Of($"k{i:D3}"), new byte[40]);
            }

            store.WaitForBackgroundWork();
            for (var i = 0; i < 500; i += 2)
            {
                store.Delete(Of($"k{i:D3}"));
            }

            for (var i = 0; i < 2000; i++)
            {
                store.Put(Of($"filler{i:D4}"), new byte[40]);
            }

            store.WaitForBackgroundWork();
            Assert.Equal(250, store.ScanPrefix(Of("k")).Count());
            Assert.False(store.ContainsKey(Of("k000")));
            Assert.True(store.ContainsKey(Of("k001")));
        }

        using var reopened = EdgeStore.Open(_dir.Path, Tiny);
        Assert.Equal(250, reopened.ScanPrefix(Of("k")).Count());
        Assert.False(reopened.ContainsKey(Of("k498")));
    }

    [Fact]
    public void WAL_segments_covered_by_a_durable_manifest_are_deleted()
    {
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        for (var i = 0; i < 2000; i++)
        {
            store.Put(Of($"k{i:D4}"), new byte[50]);
        }

        store.WaitForBackgroundWork();
        var floor = Manifests.Read(_dir.Path).WalFloor;
        Assert.True(floor > 1);
        Assert.All(WalFiles.Segments(_dir.Path), path => Assert.True(ulong.Parse(Path.GetFileNameWithoutExtension(path)) >= floor));
    }

    [Fact]
    public void A_snapshot_sees_its_moment_through_overwrites_flushes_and_compactions()
    {
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        for (var i = 0; i < 300; i++)
        {
            store.Put(Of($"k{i:D3}"), Of("old"));
        }

        using var snapshot = store.GetSnapshot();
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 300; i++)
            {
                if (i % 3 == 0)
                {
                    store.Delete(Of($"k{i:D3}"));
                }
                else
                {
                    store.Put(Of($"k{i:D3}"), Of($"new{round}"));
                }
            }
        }

        store.Put(Of("k999"), Of("after"));
        store.WaitForBackgroundWork();

        Assert.Equal(300, snapshot.Scan([], []).Count());
        Assert.All(snapshot.Scan([], []), e => Assert.Equal("old", Text(e.Value)));
        Assert.True(snapshot.TryGet(Of("k000"), out var value));
        Assert.Equal("old", Text(value));
        Assert.False(snapshot.TryGet(Of("k999"), out _));

        Assert.Equal(201, store.Scan([], []).Count());
        Assert.True(store.TryGet(Of("k001"), out value));
        Assert.Equal("new4", Text(value));

        snapshot.Dispose();
        Assert.Throws<ObjectDisposedException>(() => snapshot.TryGet(Of("k000"), out _));
        Assert.Throws<ObjectDisposedException>(() => snapshot.Scan([], []));
    }

    [Fact]
    public void A_scan_in_progress_keeps_its_view_while_compaction_replaces_its_tables()
    {
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        for (var i = 0; i < 400; i++)
        {
            store.Put(Of($"k{i:D3}"), Of($"v{i}"));
        }

        store.WaitForBackgroundWork();
        var seen = 0;
        foreach (var entry in store.Scan([], []))
        {
            if (seen == 10)
            {
                for (var i = 0; i < 400; i++)
                {
                    store.Put(Of($"k{i:D3}"), Of("overwritten"));
                }

                store.WaitForBackgroundWork();
            }

            Assert.Equal($"v{int.Parse(Text(entry.Key)[1..])}", Text(entry.Value));
            seen++;
        }

        Assert.Equal(400, seen);
    }

    [Fact]
    public async Task Readers_and_writers_run_concurrently_with_flushes_and_compactions()
    {
        using var store = EdgeStore.Open(_dir.Path, Tiny);
        var errors = new List<string>();
        var writer = Task.Run(
            () =>
        {
            for (var round = 0; round < 20; round++)
            {
                var batch = new WriteBatch();
                for (var i = 0; i < 100; i++)
                {
                    batch.Put(Of($"k{i:D3}"), Of($"{round}"));
                }

                store.Write(batch);
            }
        },
            TestContext.Current.CancellationToken);
        var reader = Task.Run(
            () =>
        {
            while (!writer.IsCompleted)
            {
                // Each batch rewrote all 100 keys atomically: a scan sees one round everywhere.
                var rounds = store.Scan([], []).Select(e => Text(e.Value)).Distinct().ToList();
                if (rounds.Count > 1)
                {
                    lock (errors)
                    {
                        errors.Add(string.Join(",", rounds));
                    }
                }
            }
        },
            TestContext.Current.CancellationToken);

        await Task.WhenAll(writer, reader);
        Assert.Empty(errors);
        store.WaitForBackgroundWork();
        Assert.All(store.Scan([], []), e => Assert.Equal("19", Text(e.Value)));
    }

    [Fact]
    public void Unlisted_tables_from_an_interrupted_flush_are_removed_on_open()
    {
        using (var store = EdgeStore.Open(_dir.Path, Tiny))
        {
            for (var i = 0; i < 500; i++)
            {
                store.Put(Of($"k{i:D3}"), new byte[30]);
            }
        }

        var orphan = _dir.Combine("99999999.sst");
        File.WriteAllBytes(orphan, new byte[100]);
        File.WriteAllBytes(_dir.Combine("MANIFEST.tmp"), new byte[10]);
        using (var store = EdgeStore.Open(_dir.Path, Tiny))
        {
            Assert.Equal(500, store.Scan([], []).Count());
        }

        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(_dir.Combine("MANIFEST.tmp")));
    }

    [Fact]
    public void A_missing_or_damaged_manifest_or_table_is_corruption()
    {
        using (var store = EdgeStore.Open(_dir.Path, Tiny))
        {
            for (var i = 0; i < 500; i++)
            {
                store.Put(Of($"k{i:D3}"), new byte[30]);
            }

            store.WaitForBackgroundWork();
        }

        var manifestPath = _dir.Combine(EdgeDb.Storage.StoreFileNames.Manifest);
        var original = File.ReadAllBytes(manifestPath);
        for (var at = 0; at < original.Length; at += 7)
        {
            var damaged = (byte[])original.Clone();
            damaged[at] ^= 0x10;
            File.WriteAllBytes(manifestPath, damaged);
            Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, Tiny));
        }

        File.WriteAllBytes(manifestPath, original);
        var table = Directory.GetFiles(_dir.Path, "*.sst")[0];
        File.Move(table, table + ".moved");
        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(_dir.Path, Tiny));
        Assert.Contains("does not exist", error.Message);
        File.Move(table + ".moved", table);

        using var reopened = EdgeStore.Open(_dir.Path, Tiny);
        Assert.Equal(500, reopened.Scan([], []).Count());
    }

    [Fact]
    public void A_damaged_table_block_raises_on_the_read_that_needs_it_and_never_returns_wrong_data()
    {
        var options = new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024, BlockCacheSizeBytes = 0 };
        using (var store = EdgeStore.Open(_dir.Path, options))
        {
            for (var i = 0; i < 2000; i++)
            {
                store.Put(Of($"k{i:D4}"), Of($"value{i:D4}" + new string('x', 40)));
            }

            store.WaitForBackgroundWork();
        }

        var table = Directory.GetFiles(_dir.Path, "*.sst").OrderBy(p => new FileInfo(p).Length).Last();
        WalFiles.XorByte(table, 100, 0xFF); // inside the first data block

        using var reopened = EdgeStore.Open(_dir.Path, options);
        var corrupt = 0;
        for (var i = 0; i < 2000; i++)
        {
            try
            {
                if (reopened.TryGet(Of($"k{i:D4}"), out var value))
                {
                    Assert.Equal($"value{i:D4}" + new string('x', 40), Text(value));
                }
            }
            catch (EdgeCorruptionException ex)
            {
                Assert.Equal(table, ex.FilePath);
                corrupt++;
            }
        }

        Assert.InRange(corrupt, 1, 1999);
        Assert.Throws<EdgeCorruptionException>(() => reopened.Scan([], []).Count());
    }

    [Fact]
    public void Memory_does_not_grow_with_the_data()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("peak RSS is read from /proc");
        }

        // Through an 8 MiB MemTable, in processes of their own so the memory is the store's: 32 MiB of data, then 320.
        var small = Fill(32);
        var large = Fill(320);
        var report = $"32 MiB: peak RSS {small.PeakBytes >> 20} MiB, retained {small.RetainedBytes >> 20} MiB, {small.Tables} tables; " +
                     $"320 MiB: peak RSS {large.PeakBytes >> 20} MiB, retained {large.RetainedBytes >> 20} MiB, {large.Tables} tables";
        Assert.True(large.Tables > small.Tables, report);

        // What the open store keeps after a full GC: the MemTable budget (3 x 8 MiB) and block cache (4 MiB) at most,
        // plus per-table index and filter blocks (about 3% of the key bytes: docs/lsm.md, "Measured").
        Assert.True(large.RetainedBytes < 32L << 20, report);
        Assert.True(large.RetainedBytes - small.RetainedBytes < 16L << 20, report);

        // The process as a whole, GC headroom included, stays well under the data it wrote.
        Assert.True(large.PeakBytes < 256L << 20, report);
    }

    private (long PeakBytes, int Tables, long RetainedBytes) Fill(int mebibytes)
    {
        var directory = _dir.Combine($"fill{mebibytes}");
        var output = ChildProcess.RunToEnd("fill", directory, mebibytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "8192");
        var parts = output.Split(' ');
        Assert.True(parts.Length == 6, output);
        return (long.Parse(parts[1]), int.Parse(parts[3]), long.Parse(parts[5]));
    }
}
