using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Store;

/// <summary>A store on a real 1 MiB tmpfs, written until the disk is full.</summary>
public sealed class DiskFullTests
{
    [Theory]
    [InlineData(Durability.Flushed)]
    [InlineData(Durability.Synced)]
    public void A_full_disk_fails_the_write_refuses_the_next_ones_and_loses_nothing_acknowledged(Durability durability)
    {
        using var mount = TmpfsMount.TryMount(1024, out var reason);
        if (mount is null)
        {
            Assert.Skip(reason);
        }

        var value = new byte[1000];
        new Random(11).NextBytes(value);
        var acknowledged = new List<string>();
        using (var store = EdgeStore.Open(mount.Path, new EdgeStoreOptions { Durability = durability }))
        {
            EdgeStoreFailedException? failure = null;
            for (var i = 0; i < 5000 && failure is null; i++)
            {
                try
                {
                    store.Put(Of($"k{i:D5}"), value);
                    acknowledged.Add($"k{i:D5}");
                }
                catch (EdgeStoreFailedException ex)
                {
                    failure = ex;
                }
            }

            Assert.NotNull(failure);
            Assert.IsType<IOException>(failure.InnerException, exactMatch: false);
            Assert.InRange(acknowledged.Count, 500, 1100);

            // Fail-stop: nothing more is written, even what would fit, until the store is reopened.
            Assert.Throws<EdgeStoreFailedException>(() => store.Put(Of("tiny"), [1]));
            Assert.Throws<EdgeStoreFailedException>(() => store.Delete(Of("k00000")));
            Assert.Throws<EdgeStoreFailedException>(() => store.Sync());

            // Reads go on, and see every acknowledged write and nothing else.
            Assert.Equal(acknowledged, store.Scan([], []).Select(e => Text(e.Key)));
        }

        // Reopened on the still-full disk: the partial record of the failed write is cut, all the rest is there.
        using (var reopened = EdgeStore.Open(mount.Path))
        {
            Assert.Equal(acknowledged, reopened.Scan([], []).Select(e => Text(e.Key)));
            Assert.True(reopened.TryGet(Of(acknowledged[^1]), out var last));
            Assert.Equal(value, last);
            Assert.Equal((ulong)acknowledged.Count, reopened.LastSequence);
        }
    }
}
