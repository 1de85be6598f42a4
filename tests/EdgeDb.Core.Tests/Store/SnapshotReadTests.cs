using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

/// <summary>A snapshot reads through the same implementation as its store: the same key checks, the same answers.</summary>
public sealed class SnapshotReadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_snapshot_checks_keys_as_its_store_does()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MaxKeySize = 8 });
        using var snapshot = store.GetSnapshot();

        Assert.Throws<ArgumentException>(() => snapshot.TryGet([], out _));
        Assert.Throws<ArgumentException>(() => snapshot.TryGet(new byte[9], out _));
        Assert.Throws<ArgumentException>(() => snapshot.ContainsKey(new byte[9]));
        Assert.Throws<ArgumentException>(() => store.TryGet(new byte[9], out _));
    }

    [Fact]
    public void ContainsKey_answers_as_of_the_snapshot()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("a"), Of("1"));
        using var snapshot = store.GetSnapshot();
        store.Delete(Of("a"));
        store.Put(Of("b"), Of("2"));

        Assert.True(snapshot.ContainsKey(Of("a")));
        Assert.False(snapshot.ContainsKey(Of("b")));
        Assert.False(store.ContainsKey(Of("a")));
        Assert.True(store.ContainsKey(Of("b")));
    }

    [Fact]
    public void A_disposed_snapshot_refuses_every_read()
    {
        using var store = EdgeStore.Open(_dir.Path);
        var snapshot = store.GetSnapshot();
        snapshot.Dispose();

        Assert.Throws<ObjectDisposedException>(() => snapshot.TryGet(Of("a"), out _));
        Assert.Throws<ObjectDisposedException>(() => snapshot.ContainsKey(Of("a")));
        Assert.Throws<ObjectDisposedException>(() => snapshot.Scan([], []));
        Assert.Throws<ObjectDisposedException>(() => snapshot.ScanPrefix(Of("a")));
    }
}
