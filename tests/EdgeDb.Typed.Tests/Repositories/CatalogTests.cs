using System.Text;
using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;

namespace EdgeDb.Typed.Tests.Repositories;

/// <summary>The catalogue catches two names that share a keyspace prefix.</summary>
public sealed class CatalogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Repositories_record_their_keyspaces()
    {
        using var store = EdgeStore.Open(_directory.Path);
        _ = new OrderRepository(store);
        Assert.Equal("orders", EdgeCatalog.FindOwner(store, Keyspace.CollectionPrefix("orders")));
        Assert.Equal("orders/Status", EdgeCatalog.FindOwner(store, Keyspace.IndexPrefix("orders", "Status")));
        Assert.Null(EdgeCatalog.FindOwner(store, Keyspace.CollectionPrefix("nothing")));
    }

    [Fact]
    public void Two_names_with_one_prefix_conflict_also_after_reopen()
    {
        var (first, second) = FindCollidingNames();
        Assert.NotEqual(first, second);
        Assert.Equal(Keyspace.CollectionPrefix(first), Keyspace.CollectionPrefix(second));

        using (var store = EdgeStore.Open(_directory.Path))
        {
            EdgeCatalog.Register(store, Keyspace.CollectionPrefix(first), first);
            EdgeCatalog.Register(store, Keyspace.CollectionPrefix(first), first); // the same owner again is fine
            var conflict = Assert.Throws<EdgeKeyspaceConflictException>(() => EdgeCatalog.Register(store, Keyspace.CollectionPrefix(second), second));
            Assert.Equal(first, conflict.ExistingName);
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            Assert.Throws<EdgeKeyspaceConflictException>(() => EdgeCatalog.Register(store, Keyspace.CollectionPrefix(second), second));
        }
    }

    [Fact]
    public void A_repository_whose_prefix_is_taken_refuses_to_start()
    {
        using var store = EdgeStore.Open(_directory.Path);
        EdgeCatalog.Register(store, Keyspace.CollectionPrefix("readings"), "impostor");
        Assert.Throws<EdgeKeyspaceConflictException>(() => new SensorReadingRepository(store));
    }

    /// <summary>A birthday search over "c0", "c1", ...: a 32-bit hash repeats within a few hundred thousand names.</summary>
    private static (string First, string Second) FindCollidingNames()
    {
        var seen = new Dictionary<uint, string>();
        for (var i = 0; ; i++)
        {
            var name = "c" + i;
            var hash = Keyspace.Fnv1a32(Encoding.UTF8.GetBytes(name));
            if (seen.TryGetValue(hash, out var other))
            {
                return (other, name);
            }

            seen.Add(hash, name);
        }
    }
}
