using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;

namespace EdgeDb.Typed.Tests.Transactions;

/// <summary>Repositories in transactions and views (docs/transactions.md, "Typed transactions and views").</summary>
public sealed class TypedTransactionTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly EdgeStore _store;
    private readonly CustomerRepository _customers;
    private readonly OrderRepository _orders;

    public TypedTransactionTests()
    {
        _store = EdgeStore.Open(_directory.Path);
        _customers = new CustomerRepository(_store);
        _orders = new OrderRepository(_store);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Writes_to_two_collections_commit_together_or_not_at_all()
    {
        using (var tx = _store.BeginTransaction())
        {
            _customers.Put(tx, new Customer(1, "ada@example.com", "gold", 100));
            _orders.Put(tx, new Order { Customer = "ada", Number = 7, Status = "open" });
            Assert.False(_customers.Contains(1));
            tx.Commit();
        }

        Assert.True(_customers.Contains(1));
        Assert.Equal([7L], _orders.FindByStatus("open").Select(o => o.Number));

        using (var tx = _store.BeginTransaction())
        {
            _customers.Put(tx, new Customer(2, "grace@example.com", "gold", 5));
            _orders.Delete(tx, "ada", 7);
        }

        Assert.False(_customers.Contains(2));
        Assert.True(_orders.Contains("ada", 7));
    }

    [Fact]
    public void A_transaction_view_sees_the_staged_writes_through_every_read_and_index()
    {
        _customers.Put(new Customer(1, "ada@example.com", "gold", 100));
        using var tx = _store.BeginTransaction();
        _customers.Put(tx, new Customer(1, "ada@example.com", "silver", 90));
        _customers.Put(tx, new Customer(2, "bob@example.com", "silver", 10));
        _orders.PutMany(tx, [new Order { Customer = "ada", Number = 1, Status = "open" }, new Order { Customer = "ada", Number = 2, Status = "open" }]);

        var customers = _customers.At(tx);
        Assert.Equal(90, customers.Get(1).Balance);
        Assert.Equal([1, 2], customers.FindByTier("silver").Select(c => c.Id));
        Assert.Empty(customers.FindByTier("gold"));
        Assert.True(customers.TryGetByEmail("bob@example.com", out var bob));
        Assert.Equal(2, bob.Id);
        Assert.Equal([2L, 1L], _orders.At(tx).ScanByCustomer("ada").Select(o => o.Number));
        Assert.Equal(2, customers.All().Count());

        // Outside, nothing yet.
        Assert.Equal([1], _customers.FindByTier("gold").Select(c => c.Id));
        Assert.False(_customers.TryGetByEmail("bob@example.com", out _));
    }

    [Fact]
    public void A_snapshot_view_reads_the_moment_it_was_taken()
    {
        _customers.Put(new Customer(1, "ada@example.com", "gold", 100));
        using var snapshot = _store.GetSnapshot();
        _customers.Put(new Customer(1, "ada@example.com", "silver", 0));
        _customers.Put(new Customer(2, "bob@example.com", "gold", 1));

        var then = _customers.At(snapshot);
        Assert.Equal(100, then.Get(1).Balance);
        Assert.False(then.Contains(2));
        Assert.Equal([1], then.FindByTier("gold").Select(c => c.Id));
        Assert.False(then.TryGetByEmail("bob@example.com", out _));
        Assert.Equal([1, 2], _customers.All().Select(c => c.Id));
    }

    [Fact]
    public void Writing_one_key_twice_in_a_transaction_leaves_only_the_last_index_entries()
    {
        using (var tx = _store.BeginTransaction())
        {
            _orders.Put(tx, new Order { Customer = "ada", Number = 1, Status = "open", Priority = 1 });
            _orders.Put(tx, new Order { Customer = "ada", Number = 1, Status = "shipped", Priority = 2 });
            tx.Commit();
        }

        Assert.Empty(_orders.FindByStatus("open"));
        Assert.Single(_orders.FindByStatus("shipped"));
        Assert.Empty(_orders.FindByPriority(1));
        Assert.Single(_store.ScanPrefix(Keyspace.IndexPrefix("orders", "Status")));
    }

    [Fact]
    public void A_transaction_whose_entity_someone_else_changed_conflicts_and_writes_nothing()
    {
        _customers.Put(new Customer(1, "ada@example.com", "gold", 100));
        using var tx = _store.BeginTransaction();
        var ada = _customers.At(tx).Get(1);
        _customers.Put(tx, ada with { Balance = ada.Balance - 30 });
        _orders.Put(tx, new Order { Customer = "ada", Number = 9, Status = "paid" });
        _customers.Put(ada with { Balance = 500 });

        Assert.Throws<EdgeTransactionConflictException>(tx.Commit);
        Assert.Equal(500, _customers.Get(1).Balance);
        Assert.False(_orders.Contains("ada", 9));
    }

    [Fact]
    public void A_unique_value_has_one_entity_and_is_freed_by_a_change_or_a_delete()
    {
        _customers.Put(new Customer(1, "ada@example.com", "gold", 0));

        var error = Assert.Throws<EdgeUniqueConstraintException>(() => _customers.Put(new Customer(2, "ada@example.com", "gold", 0)));
        Assert.Equal("customers", error.Collection);
        Assert.Equal("Email", error.Member);
        Assert.Contains("ada@example.com", error.Message);
        Assert.False(_customers.Contains(2));
        Assert.Throws<EdgeUniqueConstraintException>(() => _customers.PutMany([new Customer(3, "new@example.com", "x", 0), new Customer(4, "ada@example.com", "x", 0)]));
        Assert.False(_customers.Contains(3));

        // Putting the same entity again keeps its own value.
        _customers.Put(new Customer(1, "ada@example.com", "silver", 1));

        _customers.Put(new Customer(1, "ada@lovelace.org", "silver", 1));
        _customers.Put(new Customer(2, "ada@example.com", "gold", 0));
        Assert.Equal(2, _customers.GetByEmail("ada@example.com").Id);
        Assert.Equal(1, _customers.GetByEmail("ada@lovelace.org").Id);

        _customers.Delete(2);
        Assert.False(_customers.TryGetByEmail("ada@example.com", out _));
        _customers.Put(new Customer(5, "ada@example.com", "gold", 0));
        Assert.Equal(5, _customers.GetByEmail("ada@example.com").Id);
        Assert.Throws<KeyNotFoundException>(() => _customers.GetByEmail("nobody@example.com"));
        Assert.Equal(2, _store.ScanPrefix(Keyspace.IndexPrefix("customers", "Email")).Count());
    }

    [Fact]
    public void A_unique_index_on_a_nullable_member_holds_null_once_as_EDB023_warns()
    {
        var seats = new SeatRepository(_store);
        seats.Put(new Seat(1, null));
        seats.Put(new Seat(2, 7));

        Assert.Throws<EdgeUniqueConstraintException>(() => seats.Put(new Seat(3, null)));
        Assert.False(seats.Contains(3));
        Assert.True(seats.TryGetByDesk(null, out var unassigned));
        Assert.Equal(1, unassigned.Id);
    }

    [Fact]
    public void Two_entities_taking_one_value_in_one_transaction_are_refused()
    {
        using var tx = _store.BeginTransaction();
        _customers.Put(tx, new Customer(1, "same@example.com", "x", 0));

        Assert.Throws<EdgeUniqueConstraintException>(() => _customers.Put(tx, new Customer(2, "same@example.com", "x", 0)));
    }

    [Fact]
    public async Task Eight_writers_racing_for_one_unique_value_leave_exactly_one_winner()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"race{round}@example.com";
            var winners = 0;
            var refused = 0;
            var writers = Enumerable.Range(0, 8).Select(id => Task.Run(
                () =>
                {
                    var entity = new Customer((round * 100) + id, email, "x", 0);
                    try
                    {
                        if (id % 2 == 0)
                        {
                            _customers.Put(entity);
                        }
                        else
                        {
                            while (true)
                            {
                                using var tx = _store.BeginTransaction();
                                _customers.Put(tx, entity);
                                try
                                {
                                    tx.Commit();
                                    break;
                                }
                                catch (EdgeTransactionConflictException)
                                {
                                }
                            }
                        }

                        Interlocked.Increment(ref winners);
                    }
                    catch (EdgeUniqueConstraintException)
                    {
                        Interlocked.Increment(ref refused);
                    }
                },
                TestContext.Current.CancellationToken)).ToArray();
            await Task.WhenAll(writers);

            Assert.Equal(1, winners);
            Assert.Equal(7, refused);
            Assert.Single(_customers.All(), c => c.Email == email);
            Assert.True(_customers.TryGetByEmail(email, out var owner));
            Assert.Equal(email, owner.Email);
        }
    }
}
