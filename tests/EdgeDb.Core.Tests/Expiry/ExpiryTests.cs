using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Expiry;

/// <summary>
/// Versions written with an expiry (docs/lsm.md, "Expiry"): never returned once expired, by any read path; an older
/// version never resurfaces; flushes, compactions and reopens keep the expiry; Compact() reclaims the space.
/// </summary>
public sealed class ExpiryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _dir.Dispose();

    private EdgeStoreOptions Options => new() { TimeProvider = _clock, MemTableSizeBytes = 16 * 1024, WalSegmentSizeBytes = 16 * 1024 };

    [Fact]
    public void An_entry_is_read_until_its_expiry_and_by_no_read_path_after_it()
    {
        using var store = EdgeStore.Open(_dir.Path, Options);
        store.Put(Of("session/1"), Of("alive"), Start.AddMinutes(10));
        store.Put(Of("session/2"), Of("forever"));
        var batch = new WriteBatch();
        batch.Put(Of("session/3"), Of("batched"), Start.AddMinutes(10));
        store.Write(batch);

        Assert.True(store.TryGet(Of("session/1"), out var value));
        Assert.Equal("alive", Text(value));
        Assert.Equal(["session/1=alive", "session/2=forever", "session/3=batched"], Dump(store.ScanPrefix(Of("session/"))));

        using var snapshot = store.GetSnapshot();
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.False(store.TryGet(Of("session/1"), out _));
        Assert.False(store.ContainsKey(Of("session/3")));
        Assert.Equal(["session/2=forever"], Dump(store.ScanPrefix(Of("session/"))));
        Assert.False(snapshot.ContainsKey(Of("session/1")));
        Assert.Equal(["session/2=forever"], Dump(snapshot.ScanPrefix(Of("session/"))));
        using var tx = store.BeginTransaction();
        Assert.False(tx.ContainsKey(Of("session/1")));
        Assert.Equal(["session/2=forever"], Dump(tx.ScanPrefix(Of("session/"))));
    }

    [Fact]
    public void An_expired_version_hides_the_older_ones_in_the_MemTable_in_tables_and_after_compaction()
    {
        using var store = EdgeStore.Open(_dir.Path, Options);
        store.Put(Of("k"), Of("old, no expiry"));
        store.Flush();
        store.Put(Of("k"), Of("new"), Start.AddSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(store.ContainsKey(Of("k")));   // the expired version is in the MemTable, the old one in a table
        store.Flush();
        Assert.False(store.ContainsKey(Of("k")));   // both in tables
        store.Compact();
        Assert.False(store.ContainsKey(Of("k")));   // compacted to the last level: the expired version went, and took the old one
        Assert.Empty(store.Scan([], []));
    }

    [Fact]
    public void Compact_removes_expired_versions_and_keeps_live_ones_intact()
    {
        using (var store = EdgeStore.Open(_dir.Path, Options))
        {
            for (var i = 0; i < 2000; i++)
            {
                var value = Of($"value {i} " + new string('x', 40));
                if (i % 2 == 0)
                {
                    store.Put(Of($"k{i:D4}"), value, Start.AddHours(1));
                }
                else
                {
                    store.Put(Of($"k{i:D4}"), value);
                }
            }

            store.Compact();
            Assert.Equal(2000, Manifests.Read(_dir.Path).Tables.Sum(t => t.EntryCount));

            _clock.Advance(TimeSpan.FromHours(1));
            store.Compact();

            var manifest = Manifests.Read(_dir.Path);
            Assert.Equal(1000, manifest.Tables.Sum(t => t.EntryCount));
            Assert.All(manifest.Tables, t => Assert.Equal(EdgeDb.Lsm.Manifest.MaxLevels - 1, t.Level));
            Assert.Equal(1000, store.Scan([], []).Count());
            Assert.True(store.TryGet(Of("k1999"), out var kept));
            Assert.Equal("value 1999 " + new string('x', 40), Text(kept));
        }
    }

    [Fact]
    public void The_expiry_survives_a_reopen_from_the_WAL_and_from_tables()
    {
        using (var store = EdgeStore.Open(_dir.Path, Options))
        {
            store.Put(Of("in-table"), Of("t"), Start.AddMinutes(5));
            store.Flush();
            store.Put(Of("in-wal"), Of("w"), Start.AddMinutes(5));
        }

        using (var store = EdgeStore.Open(_dir.Path, Options))
        {
            Assert.True(store.TryGet(Of("in-wal"), out var wal));
            Assert.Equal("w", Text(wal));
            Assert.True(store.TryGet(Of("in-table"), out var table));
            Assert.Equal("t", Text(table));
            _clock.Advance(TimeSpan.FromMinutes(5));
            Assert.False(store.ContainsKey(Of("in-wal")));
            Assert.False(store.ContainsKey(Of("in-table")));
        }
    }

    [Fact]
    public void A_transaction_stages_expiring_puts_and_reads_them_back_until_they_expire()
    {
        using var store = EdgeStore.Open(_dir.Path, Options);
        using (var tx = store.BeginTransaction())
        {
            tx.Put(Of("lease"), Of("held"), Start.AddSeconds(10));
            Assert.True(tx.TryGet(Of("lease"), out var staged));
            Assert.Equal("held", Text(staged));
            Assert.Equal(["lease=held"], Dump(tx.Scan([], [])));
            tx.Commit();
        }

        Assert.True(store.TryGet(Of("lease"), out var held));
        Assert.Equal("held", Text(held));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(store.ContainsKey(Of("lease")));
    }

    [Fact]
    public void An_expiry_in_the_past_is_written_but_never_read()
    {
        using var store = EdgeStore.Open(_dir.Path, Options);
        store.Put(Of("k"), Of("visible"));
        store.Put(Of("k"), Of("already gone"), Start.AddSeconds(-1));

        Assert.False(store.ContainsKey(Of("k")));
    }

    private static List<string> Dump(IEnumerable<EdgeEntry> entries) => entries.Select(e => $"{Text(e.Key)}={Text(e.Value)}").ToList();
}
