using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

public sealed class EdgeStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Put_get_overwrite_and_delete()
    {
        using var store = EdgeStore.Open(_dir.Path);
        Assert.False(store.TryGet(Of("a"), out _));

        store.Put(Of("a"), Of("1"));
        Assert.True(store.TryGet(Of("a"), out var value));
        Assert.Equal("1", Text(value));

        store.Put(Of("a"), Of("2"));
        Assert.True(store.TryGet(Of("a"), out value));
        Assert.Equal("2", Text(value));
        Assert.True(store.ContainsKey(Of("a")));

        store.Delete(Of("a"));
        Assert.False(store.TryGet(Of("a"), out _));
        Assert.False(store.ContainsKey(Of("a")));

        store.Delete(Of("never-written"));
        Assert.Equal(4ul, store.LastSequence);
    }

    [Fact]
    public void Empty_values_are_values()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("k"), []);
        Assert.True(store.TryGet(Of("k"), out var value));
        Assert.Empty(value);
    }

    [Fact]
    public void Get_returns_a_copy_the_caller_may_change()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("k"), Of("abc"));
        Assert.True(store.TryGet(Of("k"), out var value));
        value[0] = (byte)'z';
        Assert.True(store.TryGet(Of("k"), out value));
        Assert.Equal("abc", Text(value));
    }

    [Fact]
    public void Scan_is_ordered_bytewise_and_honours_both_bounds()
    {
        using var store = EdgeStore.Open(_dir.Path);
        foreach (var key in new[] { "b", "a", "c2", "c", "c1", "d", "\u00e9" })
        {
            store.Put(Of(key), Of(key.ToUpperInvariant()));
        }

        store.Delete(Of("c1"));

        Assert.Equal(["a", "b", "c", "c2", "d", "\u00e9"], Dump(store.Scan([], [])).Select(e => e.Key));
        Assert.Equal(["b", "c", "c2"], Dump(store.Scan(Of("b"), Of("d"))).Select(e => e.Key));
        Assert.Equal(["c", "c2"], Dump(store.ScanPrefix(Of("c"))).Select(e => e.Key));
        Assert.Equal(["d", "\u00e9"], Dump(store.Scan(Of("cz"), [])).Select(e => e.Key));
        Assert.Empty(store.Scan(Of("x"), Of("y")));
        Assert.Equal("C2", Dump(store.Scan(Of("c2"), Of("c3"))).Single().Value);
    }

    [Fact]
    public void Prefix_scan_handles_0xFF_bytes()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put([0x01, 0xFF], [1]);
        store.Put([0x01, 0xFF, 0x00], [2]);
        store.Put([0x02], [3]);
        store.Put([0xFF, 0xFF], [4]);

        Assert.Equal(2, store.ScanPrefix([0x01, 0xFF]).Count());
        Assert.Single(store.ScanPrefix([0xFF]));
        Assert.Equal(4, store.ScanPrefix([]).Count());
        Assert.Null(KeyBounds.PrefixSuccessor([0xFF, 0xFF]));
        Assert.Equal(new byte[] { 0x02 }, KeyBounds.PrefixSuccessor([0x01, 0xFF]));
    }

    [Fact]
    public void A_scan_is_lazy_and_a_snapshot_is_a_fixed_point()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("a"), Of("old"));
        store.Put(Of("b"), Of("old"));
        var scan = store.Scan([], []);
        using var snapshot = store.GetSnapshot();

        store.Put(Of("a"), Of("new"));
        store.Delete(Of("b"));
        store.Put(Of("c"), Of("new"));

        // Each enumeration of a scan starts from the store as it is then; the snapshot stays where it was taken.
        Assert.Equal([("a", "new"), ("c", "new")], Dump(scan));
        Assert.Equal([("a", "old"), ("b", "old")], Dump(snapshot.Scan([], [])));
        Assert.Equal(2ul, snapshot.Sequence);
    }

    [Fact]
    public void Writes_during_an_iteration_do_not_disturb_it()
    {
        using var store = EdgeStore.Open(_dir.Path);
        for (var i = 0; i < 100; i++)
        {
            store.Put(Of($"k{i:D3}"), Of("v"));
        }

        var seen = new List<string>();
        foreach (var entry in store.Scan([], []))
        {
            seen.Add(Text(entry.Key));
            store.Put(Of(Text(entry.Key) + "x"), Of("inserted"));
            store.Delete(Of($"k{99 - seen.Count:D3}"));
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"k{i:D3}"), seen);
    }

    [Fact]
    public void A_batch_applies_in_order_and_a_later_operation_wins()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("gone"), Of("x"));
        var batch = new WriteBatch();
        batch.Put(Of("k"), Of("1"));
        batch.Put(Of("k"), Of("2"));
        batch.Delete(Of("gone"));
        batch.Put(Of("d"), Of("1"));
        batch.Delete(Of("d"));
        Assert.Equal(5, batch.Count);

        store.Write(batch);

        Assert.Equal([("k", "2")], Dump(store.Scan([], [])));
        Assert.Equal(6ul, store.LastSequence);
    }

    [Fact]
    public void An_empty_batch_writes_nothing()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Write(new WriteBatch());
        Assert.Equal(0ul, store.LastSequence);
    }

    [Fact]
    public void A_batch_can_be_cleared_and_reused()
    {
        using var store = EdgeStore.Open(_dir.Path);
        var batch = new WriteBatch();
        batch.Put(Of("a"), Of("1"));
        batch.Clear();
        Assert.Equal(0, batch.Count);
        batch.Put(Of("b"), Of("2"));
        store.Write(batch);
        Assert.Equal([("b", "2")], Dump(store.Scan([], [])));
    }

    [Fact]
    public void Everything_and_the_sequence_number_survive_reopen()
    {
        using (var store = EdgeStore.Open(_dir.Path))
        {
            store.Put(Of("a"), Of("1"));
            store.Put(Of("b"), Of("2"));
            store.Delete(Of("a"));
            var batch = new WriteBatch();
            batch.Put(Of("c"), Of("3"));
            batch.Put(Of("d"), Of("4"));
            store.Write(batch);
        }

        using (var store = EdgeStore.Open(_dir.Path))
        {
            Assert.Equal(5ul, store.LastSequence);
            Assert.Equal([("b", "2"), ("c", "3"), ("d", "4")], Dump(store.Scan([], [])));
            store.Put(Of("e"), Of("5"));
            Assert.Equal(6ul, store.LastSequence);
        }

        using (var store = EdgeStore.Open(_dir.Path))
        {
            Assert.Equal(6ul, store.LastSequence);
            Assert.Equal(4, store.Scan([], []).Count());
        }
    }

    [Theory]
    [InlineData(Durability.Buffered)]
    [InlineData(Durability.Flushed)]
    [InlineData(Durability.Synced)]
    public void Every_durability_level_persists_on_dispose(Durability durability)
    {
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = durability }))
        {
            for (var i = 0; i < 50; i++)
            {
                store.Put(Of($"k{i}"), Of($"v{i}"));
            }
        }

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.Equal(50, reopened.Scan([], []).Count());
    }

    [Fact]
    public void Buffered_writes_reach_the_os_within_the_flush_interval_without_a_sync()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Buffered, BufferedWriteInterval = TimeSpan.FromMilliseconds(5) });
        var segment = WalFiles.Single(_dir.Path);
        var before = new FileInfo(segment).Length;
        store.Put(Of("k"), Of("v"));

        // Polls (rather than times) until the background timer has written the record.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(segment).Length == before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        Assert.True(new FileInfo(segment).Length > before, "the buffered record never reached the file");
    }

    [Fact]
    public void Flushed_writes_are_in_the_file_when_the_call_returns()
    {
        using var store = EdgeStore.Open(_dir.Path);
        var segment = WalFiles.Single(_dir.Path);
        store.Put(Of("k"), Of("v"));
        Assert.Single(WalFiles.RecordOffsets(segment));
    }

    [Fact]
    public void Segments_rotate_at_the_size_limit_and_replay_in_order()
    {
        var options = new EdgeStoreOptions { WalSegmentSizeBytes = 4096 };
        using (var store = EdgeStore.Open(_dir.Path, options))
        {
            for (var i = 0; i < 400; i++)
            {
                store.Put(Of($"k{i % 50:D2}"), Of($"value-{i}-" + new string('x', 40)));
            }
        }

        var segments = WalFiles.Segments(_dir.Path);
        Assert.True(segments.Length > 5, $"expected rotation, got {segments.Length} segment(s)");
        Assert.Equal(Enumerable.Range(1, segments.Length).Select(n => $"{n:D8}.wal"), segments.Select(Path.GetFileName));

        using var reopened = EdgeStore.Open(_dir.Path, options);
        Assert.Equal(400ul, reopened.LastSequence);
        Assert.Equal(50, reopened.Scan([], []).Count());
        Assert.True(reopened.TryGet(Of("k49"), out var last));
        Assert.StartsWith("value-399-", Text(last));
    }

    [Fact]
    public void A_leftover_temporary_segment_is_removed_on_open()
    {
        using (EdgeStore.Open(_dir.Path))
        {
        }

        var stale = _dir.Combine("00000002.wal.tmp");
        File.WriteAllBytes(stale, [1, 2, 3]);
        using var store = EdgeStore.Open(_dir.Path);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Sync_then_reopen_keeps_everything()
    {
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Buffered }))
        {
            store.Put(Of("k"), Of("v"));
            store.Sync();
            Assert.Single(WalFiles.RecordOffsets(WalFiles.Single(_dir.Path)));
        }
    }

    [Fact]
    public void Large_values_up_to_the_limit_round_trip()
    {
        var options = new EdgeStoreOptions { MaxValueSize = 4 * 1024 * 1024, MemTableSizeBytes = 64L * 1024 * 1024 };
        var big = new byte[4 * 1024 * 1024];
        new Random(7).NextBytes(big);
        using (var store = EdgeStore.Open(_dir.Path, options))
        {
            store.Put(Of("big"), big);
        }

        using var reopened = EdgeStore.Open(_dir.Path, options);
        Assert.True(reopened.TryGet(Of("big"), out var value));
        Assert.Equal(big, value);
    }
}
