using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;

namespace EdgeDb.Typed.Tests.Repositories;

/// <summary>Secondary indexes: written, moved and removed with their entity, in the same batch.</summary>
public sealed class IndexTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Find_by_an_indexed_member_yields_matches_in_key_order()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);
        orders.PutMany([
            new Order { Customer = "bob", Number = 1, Status = "open", Priority = 1 },
            new Order { Customer = "ada", Number = 2, Status = "open" },
            new Order { Customer = "ada", Number = 3, Status = "opened", Priority = 1 },
            new Order { Customer = "ada", Number = 4, Status = "shipped", Priority = 2 },
        ]);

        Assert.Equal([("ada", 2L), ("bob", 1L)], orders.FindByStatus("open").Select(o => (o.Customer, o.Number)));
        Assert.Equal([3L], orders.FindByStatus("opened").Select(o => o.Number));
        Assert.Empty(orders.FindByStatus("ope"));
        Assert.Equal([3L, 1L], orders.FindByPriority(1).Select(o => o.Number));
        Assert.Equal([2L], orders.FindByPriority(null).Select(o => o.Number));
        Assert.Equal(4, IndexEntries(store, "orders", "Status"));
    }

    [Fact]
    public void A_null_in_a_non_nullable_indexed_string_is_refused_and_nothing_is_written()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);

        var error = Assert.Throws<ArgumentNullException>(() => orders.Put(new Order { Customer = "ada", Number = 1, Status = null! }));

        Assert.Equal("Status", error.ParamName);
        Assert.Contains("index 'Status' of collection 'orders'", error.Message);
        Assert.False(orders.Contains("ada", 1));
        Assert.Throws<ArgumentNullException>(() => orders.PutMany([new Order { Customer = "bob", Number = 2, Status = "open" }, new Order { Customer = "bob", Number = 3, Status = null! }]));
        Assert.False(orders.Contains("bob", 2));
    }

    [Fact]
    public void An_index_value_over_its_MaxLength_names_the_collection_and_the_member()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);

        var error = Assert.Throws<ArgumentException>(() => orders.Put(new Order { Customer = "ada", Number = 1, Status = new string('x', 17) }));

        Assert.Contains("index 'Status' of collection 'orders'", error.Message);
        Assert.Contains("at most 16 characters", error.Message);
        var keyError = Assert.Throws<ArgumentException>(() => orders.Put(new Order { Customer = new string('c', 33), Number = 1, Status = "open" }));
        Assert.Contains("key part 'Customer' of collection 'orders'", keyError.Message);
        Assert.False(orders.All().Any());
    }

    [Fact]
    public void An_update_moves_the_entry_and_a_delete_removes_it()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);
        orders.Put(new Order { Customer = "ada", Number = 1, Status = "open", Priority = 5 });
        orders.Put(new Order { Customer = "ada", Number = 1, Status = "shipped", Priority = 5 });

        Assert.Empty(orders.FindByStatus("open"));
        Assert.Single(orders.FindByStatus("shipped"));
        Assert.Equal(1, IndexEntries(store, "orders", "Status"));
        Assert.Equal(1, IndexEntries(store, "orders", "Priority"));

        Assert.True(orders.Delete("ada", 1));
        Assert.Empty(orders.FindByStatus("shipped"));
        Assert.Empty(orders.FindByPriority(5));
        Assert.Equal(0, IndexEntries(store, "orders", "Status"));
        Assert.Equal(0, IndexEntries(store, "orders", "Priority"));
    }

    [Fact]
    public void Index_entries_are_written_in_the_entitys_batch()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);
        var before = store.LastSequence;
        orders.Put(new Order { Customer = "ada", Number = 1, Status = "open", Priority = 1 });
        Assert.Equal(before + 3, store.LastSequence); // entity + two index entries, one commit

        before = store.LastSequence;
        orders.Put(new Order { Customer = "ada", Number = 1, Status = "closed", Priority = 1 });
        Assert.Equal(before + 3, store.LastSequence); // delete old Status entry, add new one, the entity; Priority unchanged
    }

    [Fact]
    public void Put_many_with_duplicates_leaves_only_the_winners_entries()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);
        orders.Put(new Order { Customer = "ada", Number = 1, Status = "a" });
        orders.PutMany([
            new Order { Customer = "ada", Number = 1, Status = "b" },
            new Order { Customer = "ada", Number = 1, Status = "c" },
        ]);

        Assert.Empty(orders.FindByStatus("a"));
        Assert.Empty(orders.FindByStatus("b"));
        Assert.Single(orders.FindByStatus("c"));
        Assert.Equal(1, IndexEntries(store, "orders", "Status"));
    }

    [Fact]
    public void Indexes_survive_reopen_and_an_enum_index_works_on_a_record_struct()
    {
        using (var store = EdgeStore.Open(_directory.Path))
        {
            var tags = new TagRepository(store);
            tags.PutMany([new Tag("x", Colour.Red), new Tag("y", Colour.Blue), new Tag("z", Colour.Red)]);
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            var tags = new TagRepository(store);
            Assert.Equal(["x", "z"], tags.FindByColour(Colour.Red).Select(t => t.Name));
            tags.Put(new Tag("x", Colour.Green));
            Assert.Equal(["z"], tags.FindByColour(Colour.Red).Select(t => t.Name));
            Assert.Equal(["x"], tags.FindByColour(Colour.Green).Select(t => t.Name));
        }
    }

    [Fact]
    public void Concurrent_updates_keep_one_entry_per_entity()
    {
        using var store = EdgeStore.Open(_directory.Path, new EdgeStoreOptions { Durability = Durability.Buffered });
        var first = new OrderRepository(store);
        var second = new OrderRepository(store); // a second instance shares the keyspace lock
        Parallel.For(0, 400, i => (i % 2 == 0 ? first : second).Put(new Order { Customer = "c", Number = i % 4, Status = "s" + (i % 7) }));

        Assert.Equal(4, IndexEntries(store, "orders", "Status"));
        foreach (var order in first.All())
        {
            Assert.Contains(first.FindByStatus(order.Status), o => o.Number == order.Number);
        }
    }

    private static int IndexEntries(EdgeStore store, string collection, string member) =>
        store.ScanPrefix(Keyspace.IndexPrefix(collection, member)).Count();
}
