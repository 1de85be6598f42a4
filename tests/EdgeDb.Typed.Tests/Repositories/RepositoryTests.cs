using EdgeDb.Typed.Tests.Model;
using EdgeDb.Typed.Tests.Model.Nested.Deeper;

namespace EdgeDb.Typed.Tests.Repositories;

/// <summary>The generated repository against a real store: reads, writes, scans, ranges, limits and reopen.</summary>
public sealed class RepositoryTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Put_then_get_try_get_contains()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var reading = new SensorReading("dev1", s_start, 21.5);
        readings.Put(reading);

        Assert.True(readings.TryGet("dev1", s_start, out var found));
        Assert.Equal(reading, found);
        Assert.Equal(reading, readings.Get(new SensorReadingKey("dev1", s_start)));
        Assert.True(readings.Contains("dev1", s_start));
        Assert.False(readings.Contains("dev1", s_start.AddTicks(1)));
        Assert.False(readings.TryGet("dev10", s_start, out _));
        Assert.Throws<KeyNotFoundException>(() => readings.Get("dev2", s_start));
    }

    [Fact]
    public void Put_replaces_and_delete_reports_whether_it_removed()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        readings.Put(new SensorReading("dev1", s_start, 1));
        readings.Put(new SensorReading("dev1", s_start, 2));
        Assert.Equal(2, readings.Get("dev1", s_start).Celsius);
        Assert.Single(readings.All());

        Assert.True(readings.Delete("dev1", s_start));
        Assert.False(readings.Delete("dev1", s_start));
        Assert.False(readings.Contains("dev1", s_start));
        Assert.Empty(readings.All());
    }

    [Fact]
    public void Scan_by_a_leading_part_yields_only_that_device_in_key_order()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var random = new Random(1);
        var all = new List<SensorReading>();
        foreach (var device in new[] { "dev1", "dev10", "dev2", "dev1\0", "" })
        {
            foreach (var minute in Enumerable.Range(0, 30).OrderBy(_ => random.Next()))
            {
                all.Add(new SensorReading(device, s_start.AddMinutes(minute - 10), minute));
            }
        }

        readings.PutMany(all.OrderBy(_ => random.Next()));

        var dev1 = readings.ScanByDeviceId("dev1").ToList();
        Assert.Equal(30, dev1.Count);
        Assert.All(dev1, r => Assert.Equal("dev1", r.DeviceId));
        Assert.Equal(dev1.OrderBy(r => r.Timestamp).ToList(), dev1);
        Assert.Equal(30, readings.ScanByDeviceId("").Count());
        Assert.Empty(readings.ScanByDeviceId("dev"));

        var expected = all.OrderBy(r => r.DeviceId, StringComparer.Ordinal).ThenBy(r => r.Timestamp).ToList();
        Assert.Equal(expected, readings.All().ToList());
    }

    [Fact]
    public void Range_yields_keys_from_inclusive_to_exclusive_and_open_bounds()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        readings.PutMany(Enumerable.Range(0, 10).Select(i => new SensorReading("dev1", s_start.AddMinutes(i), i)));
        readings.Put(new SensorReading("dev2", s_start, 100));

        var middle = readings.Range(new SensorReadingKey("dev1", s_start.AddMinutes(3)), new SensorReadingKey("dev1", s_start.AddMinutes(7))).Select(r => r.Celsius);
        Assert.Equal([3.0, 4, 5, 6], middle);
        Assert.Equal(11, readings.Range(null, null).Count());
        Assert.Equal([8.0, 9, 100], readings.Range(new SensorReadingKey("dev1", s_start.AddMinutes(8)), null).Select(r => r.Celsius));
        Assert.Equal([0.0, 1], readings.Range(null, new SensorReadingKey("dev1", s_start.AddMinutes(2))).Select(r => r.Celsius));
    }

    [Fact]
    public void Descending_part_scans_newest_first()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var orders = new OrderRepository(store);
        orders.PutMany(Enumerable.Range(1, 5).Select(n => new Order { Customer = "ada", Number = n, Status = "open" }));
        orders.Put(new Order { Customer = "bob", Number = 9, Status = "open" });
        Assert.Equal([5L, 4, 3, 2, 1], orders.ScanByCustomer("ada").Select(o => o.Number));
    }

    [Fact]
    public void Collections_share_a_store_without_seeing_each_other()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var tags = new TagRepository(store);
        readings.Put(new SensorReading("a", s_start, 1));
        tags.Put(new Tag("a", Colour.Red));
        Assert.Single(readings.All());
        Assert.Single(tags.All());
        Assert.Equal(Colour.Red, tags.Get("a").Colour);
    }

    [Fact]
    public void Everything_survives_reopen()
    {
        var everything = new Everything(true, -3, 8080, 'x', 7, 9, Int128.MinValue, UInt128.MaxValue, -0.5f, 12.34m, Guid.NewGuid(),
            DateTime.UtcNow, new DateOnly(2026, 11, 25), new TimeOnly(13, 37), TimeSpan.FromDays(-1), Colour.Blue, [0, 1, 0], null, -2, 255, "note");
        using (var store = EdgeStore.Open(_directory.Path))
        {
            new SensorReadingRepository(store).PutMany([new SensorReading("dev1", s_start, 1), new SensorReading("dev1", s_start.AddHours(1), 2)]);
            new EverythingRepository(store).Put(everything);
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            var readings = new SensorReadingRepository(store);
            Assert.Equal([1.0, 2.0], readings.ScanByDeviceId("dev1").Select(r => r.Celsius));
            var repository = new EverythingRepository(store);
            var key = EverythingKey.Of(everything);
            Assert.True(repository.TryGet(key, out var found));
            Assert.Equal(everything.Note, found.Note);
            Assert.Equal(everything.Blob, found.Blob);
            Assert.Equal(everything with { Blob = [] }, found with { Blob = [] });
            Assert.True(repository.Delete(key));
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            Assert.Empty(new EverythingRepository(store).All());
            Assert.Equal(2, new SensorReadingRepository(store).All().Count());
        }
    }

    [Fact]
    public void A_key_part_over_its_max_length_raises_and_writes_nothing()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var ex = Assert.Throws<ArgumentException>(() => readings.Put(new SensorReading(new string('x', 65), s_start, 1)));
        Assert.Contains("64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => readings.PutMany([new SensorReading("ok", s_start, 1), new SensorReading(new string('x', 65), s_start, 1)]));
        Assert.Empty(readings.All());
        Assert.Throws<ArgumentException>(() => readings.Contains(new string('x', 65), s_start));
        var orders = new OrderRepository(store);
        Assert.Throws<ArgumentException>(() => orders.Put(new Order { Customer = "c", Number = 1, Status = new string('s', 17) }));
        Assert.Empty(orders.All());
    }

    [Fact]
    public void Put_many_is_one_batch_and_the_later_duplicate_wins()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var readings = new SensorReadingRepository(store);
        var before = store.LastSequence;
        readings.PutMany([new SensorReading("d", s_start, 1), new SensorReading("e", s_start, 2), new SensorReading("d", s_start, 3)]);
        Assert.Equal(before + 3, store.LastSequence); // three operations, committed together
        Assert.Equal(3, readings.Get("d", s_start).Celsius);
        Assert.Equal(2, readings.All().Count());
    }
}
