using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;

namespace EdgeDb.Typed.Tests.Async;

/// <summary>The generated PutAsync, PutManyAsync and DeleteAsync, with and without indexes.</summary>
public sealed class AsyncWriteTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Awaited_writes_of_a_collection_without_indexes_land_and_survive_a_reopen()
    {
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var store = await EdgeStore.OpenAsync(_directory.Path, new EdgeStoreOptions { Durability = Durability.Synced }, ct))
        {
            var readings = new SensorReadingRepository(store);
            await readings.PutAsync(new SensorReading("gw-1", at, 20), ct);
            await readings.PutManyAsync([new SensorReading("gw-1", at.AddMinutes(1), 21), new SensorReading("gw-2", at, 19)], ct);
            Assert.True(await readings.DeleteAsync("gw-2", at, ct));
            Assert.False(await readings.DeleteAsync("gw-2", at, ct));
        }

        using var reopened = EdgeStore.Open(_directory.Path);
        Assert.Equal([20.0, 21.0], new SensorReadingRepository(reopened).All().Select(r => r.Celsius));
    }

    [Fact]
    public async Task Awaited_writes_of_an_indexed_collection_keep_the_index_and_the_unique_constraint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = EdgeStore.Open(_directory.Path);
        var customers = new CustomerRepository(store);
        await customers.PutAsync(new Customer(1, "a@example.com", "gold", 0), ct);
        await customers.PutManyAsync([new Customer(2, "b@example.com", "gold", 0), new Customer(1, "a2@example.com", "silver", 0)], ct);

        await Assert.ThrowsAsync<EdgeUniqueConstraintException>(async () => await customers.PutAsync(new Customer(3, "b@example.com", "x", 0), ct));
        Assert.Equal([2], customers.FindByTier("gold").Select(c => c.Id));
        Assert.False(customers.TryGetByEmail("a@example.com", out _));
        Assert.True(await customers.DeleteAsync(2, ct));
        Assert.Empty(customers.FindByTier("gold"));
        Assert.False(customers.Contains(3));
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_queued_throws_and_writes_nothing()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var customers = new CustomerRepository(store);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await readings.PutAsync(new SensorReading("gw-1", DateTimeOffset.UnixEpoch, 1), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await customers.PutAsync(new Customer(1, "a@example.com", "gold", 0), cancelled.Token));
        Assert.Empty(readings.All());
        Assert.Empty(customers.All());
        Assert.Empty(store.ScanPrefix(Keyspace.IndexPrefix("customers", "Email")));
    }

    [Fact]
    public async Task Many_awaiting_writers_at_Synced_share_group_commits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = EdgeStore.Open(_directory.Path, new EdgeStoreOptions { Durability = Durability.Synced });
        var readings = new SensorReadingRepository(store);
        var at = DateTimeOffset.UnixEpoch;
        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => readings.PutAsync(new SensorReading("gw-" + (i % 10), at.AddSeconds(i), i), ct).AsTask()));

        Assert.Equal(500, readings.All().Count());
    }

    [Fact]
    public async Task An_awaited_put_without_indexes_allocates_almost_nothing_in_the_steady_state()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = EdgeStore.Open(_directory.Path, new EdgeStoreOptions { Durability = Durability.Buffered });
        var readings = new SensorReadingRepository(store);
        var reading = new SensorReading("gw-1", DateTimeOffset.UnixEpoch, 1);
        for (var i = 0; i < 200; i++)
        {
            await readings.PutAsync(reading with { Celsius = i }, ct);
        }

        const int puts = 2000;
        var entities = Enumerable.Range(0, puts).Select(i => reading with { Timestamp = reading.Timestamp.AddSeconds(i) }).ToArray();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var entity in entities)
        {
            await readings.PutAsync(entity, ct);
        }

        var perPut = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)puts;

        // The same puts made synchronously: what the engine itself allocates (MemTable arena chunks) is not the await's.
        var syncEntities = entities.Select(e => e with { Timestamp = e.Timestamp.AddDays(1) }).ToArray();
        before = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var entity in syncEntities)
        {
            readings.Put(entity);
        }

        var perSyncPut = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)puts;
        Assert.True(perPut - perSyncPut < 32, $"{perPut:F1} bytes allocated per awaited put, {perSyncPut:F1} per synchronous put");
    }
}
