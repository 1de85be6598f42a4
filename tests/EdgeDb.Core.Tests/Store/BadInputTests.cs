using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Empty_keys_are_rejected_everywhere()
    {
        using var store = EdgeStore.Open(_dir.Path);
        Assert.Throws<ArgumentException>(() => store.Put([], Of("v")));
        Assert.Throws<ArgumentException>(() => store.Delete([]));
        Assert.Throws<ArgumentException>(() => store.TryGet([], out _));
        Assert.Throws<ArgumentException>(() => new WriteBatch().Put([], Of("v")));
        Assert.Throws<ArgumentException>(() => new WriteBatch().Delete([]));
        Assert.Equal(0ul, store.LastSequence);
    }

    [Fact]
    public void Keys_over_the_store_limit_are_rejected_and_nothing_is_written()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MaxKeySize = 16 });
        store.Put(new byte[16], Of("fits"));

        var error = Assert.Throws<ArgumentException>(() => store.Put(new byte[17], Of("v")));
        Assert.Contains("MaxKeySize", error.Message);
        Assert.Throws<ArgumentException>(() => store.Delete(new byte[17]));
        Assert.Throws<ArgumentException>(() => store.TryGet(new byte[17], out _));

        // A batch with one oversized key is refused whole.
        var batch = new WriteBatch();
        batch.Put(Of("small"), Of("v"));
        batch.Put(new byte[17], Of("v"));
        Assert.Throws<ArgumentException>(() => store.Write(batch));
        Assert.False(store.TryGet(Of("small"), out _));
        Assert.Equal(1ul, store.LastSequence);
    }

    [Fact]
    public void Keys_over_the_default_1_KiB_are_rejected()
    {
        using var store = EdgeStore.Open(_dir.Path);
        store.Put(new byte[1024], Of("v"));
        Assert.Throws<ArgumentException>(() => store.Put(new byte[1025], Of("v")));
    }

    [Fact]
    public void Keys_over_the_hard_limit_are_rejected_by_a_batch()
    {
        Assert.Throws<ArgumentException>(() => new WriteBatch().Put(new byte[EdgeStoreOptions.KeySizeLimit + 1], []));
    }

    [Fact]
    public void Values_over_the_store_limit_are_rejected_and_nothing_is_written()
    {
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MaxValueSize = 100 });
        store.Put(Of("k"), new byte[100]);
        Assert.Throws<ArgumentException>(() => store.Put(Of("k2"), new byte[101]));

        var batch = new WriteBatch();
        batch.Put(Of("k3"), new byte[101]);
        Assert.Throws<ArgumentException>(() => store.Write(batch));
        Assert.Equal(1ul, store.LastSequence);
    }

    public static TheoryData<Action<EdgeStoreOptions>> NonsenseOptions() => new()
    {
        o => o.MaxKeySize = 0,
        o => o.MaxKeySize = EdgeStoreOptions.KeySizeLimit + 1,
        o => o.MaxValueSize = -1,
        o => o.MaxValueSize = EdgeStoreOptions.ValueSizeLimit + 1,
        o => o.MemTableSizeBytes = 100,
        o => o.MemTableSizeBytes = -1,
        o => o.MemTableSizeBytes = EdgeStoreOptions.MemTableSizeLimit + 1,
        o => o.WalSegmentSizeBytes = 0,
        o => o.Durability = (Durability)42,
        o => o.RecoveryMode = (WalRecoveryMode)(-1),
        o => o.BufferedWriteInterval = TimeSpan.Zero,
        o => o.BufferedWriteInterval = TimeSpan.FromMinutes(1),
        o => o.BlockCacheSizeBytes = -1,
        o => o.Compression = (EdgeCompression)9,
    };

    [Theory]
    [MemberData(nameof(NonsenseOptions))]
    public void Nonsense_options_are_rejected_on_open(Action<EdgeStoreOptions> spoil)
    {
        var options = new EdgeStoreOptions();
        spoil(options);
        Assert.Throws<ArgumentException>(() => EdgeStore.Open(_dir.Path, options));

        // The failed open released the directory.
        using var store = EdgeStore.Open(_dir.Path);
    }

    [Fact]
    public void A_blank_directory_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => EdgeStore.Open(" "));
        Assert.Throws<ArgumentNullException>(() => EdgeStore.Open(null!));
    }

    [Fact]
    public void Options_changed_after_open_change_nothing()
    {
        var options = new EdgeStoreOptions { MaxKeySize = 8 };
        using var store = EdgeStore.Open(_dir.Path, options);
        options.MaxKeySize = 1024;
        Assert.Throws<ArgumentException>(() => store.Put(new byte[9], []));
    }

    [Fact]
    public void Every_call_after_dispose_raises_ObjectDisposedException()
    {
        var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("k"), Of("v"));
        var scan = store.Scan([], []);
        store.Dispose();
        store.Dispose(); // twice is fine

        Assert.Throws<ObjectDisposedException>(() => store.Put(Of("k"), Of("v")));
        Assert.Throws<ObjectDisposedException>(() => store.Delete(Of("k")));
        Assert.Throws<ObjectDisposedException>(() => store.TryGet(Of("k"), out _));
        Assert.Throws<ObjectDisposedException>(() => store.ContainsKey(Of("k")));
        Assert.Throws<ObjectDisposedException>(() => store.Write(new WriteBatch()));
        Assert.Throws<ObjectDisposedException>(() => store.Scan([], []));
        Assert.Throws<ObjectDisposedException>(() => store.ScanPrefix([]));
        Assert.Throws<ObjectDisposedException>(() => store.Sync());
        Assert.Throws<ObjectDisposedException>(() => scan.GetEnumerator().MoveNext());
    }

    [Fact]
    public void A_second_open_in_the_same_process_is_locked_out_until_the_first_is_disposed()
    {
        var first = EdgeStore.Open(_dir.Path);
        Assert.Throws<EdgeStoreLockedException>(() => EdgeStore.Open(_dir.Path));
        Assert.Throws<EdgeStoreLockedException>(() => EdgeStore.Open(_dir.Path + Path.DirectorySeparatorChar));
        Assert.Throws<EdgeStoreLockedException>(() => EdgeStore.Open(Path.Combine(_dir.Path, "..", Path.GetFileName(_dir.Path))));
        first.Dispose();

        using var second = EdgeStore.Open(_dir.Path);
    }

    [Fact]
    public void A_store_held_by_another_process_is_locked_and_freed_when_that_process_is_killed()
    {
        using var holder = ChildProcess.Start("hold", _dir.Path);
        Assert.Equal("ready", holder.StandardOutput.ReadLine());

        var error = Assert.Throws<EdgeStoreLockedException>(() => EdgeStore.Open(_dir.Path));
        Assert.Equal(_dir.Path, error.Directory);

        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        Assert.True(File.Exists(_dir.Combine("LOCK")), "the killed process leaves its LOCK file behind");

        using var store = EdgeStore.Open(_dir.Path);
        store.Put(Of("k"), Of("v"));
    }

    [Fact]
    public void Another_process_is_locked_out_while_this_one_holds_the_store()
    {
        using (EdgeStore.Open(_dir.Path))
        {
            Assert.Equal(nameof(EdgeStoreLockedException), ChildProcess.RunToEnd("open", _dir.Path));
        }

        Assert.Equal("opened", ChildProcess.RunToEnd("open", _dir.Path));
    }
}
