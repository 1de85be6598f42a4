using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;

namespace EdgeDb.Typed.Tests.Expiry;

/// <summary>[EdgeTimeToLive]: entities and their index entries expire at the member's instant plus the span.</summary>
public sealed class TimeToLiveTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(Start);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_entity_expires_a_day_after_its_member_through_every_read_and_its_index()
    {
        using var store = Open();
        var readings = new ExpiringReadingRepository(store);
        readings.Put(new ExpiringReading("gw-1", Start.AddHours(-20), "lab", 20));
        readings.PutMany([new ExpiringReading("gw-1", Start.AddHours(-2), "lab", 21), new ExpiringReading("gw-2", Start, "hall", 19)]);
        using (var tx = store.BeginTransaction())
        {
            readings.Put(tx, new ExpiringReading("gw-2", Start.AddHours(1), "lab", 18));
            tx.Commit();
        }

        Assert.Equal(4, readings.All().Count());
        Assert.Equal(3, readings.FindByRoom("lab").Count());

        _clock.Now = Start.AddHours(4) + TimeSpan.FromTicks(1);
        Assert.False(readings.TryGet("gw-1", Start.AddHours(-20), out _));
        Assert.Equal([Start.AddHours(-2)], readings.ScanByDevice("gw-1").Select(r => r.TakenAt));
        Assert.Equal(2, readings.FindByRoom("lab").Count());
        Assert.Equal(3, store.ScanPrefix(Keyspace.IndexPrefix("expiring_readings", "Room")).Count()); // lab twice, hall once: the expired entry is gone too
        using (var snapshot = store.GetSnapshot())
        {
            Assert.Equal(3, readings.At(snapshot).All().Count());
        }

        _clock.Now = Start.AddDays(2);
        Assert.Empty(readings.All());
        Assert.Empty(readings.FindByRoom("lab"));
        Assert.Empty(store.ScanPrefix(Keyspace.IndexPrefix("expiring_readings", "Room")));
    }

    [Fact]
    public void Compaction_drops_expired_entities_and_their_index_entries_and_nothing_resurfaces()
    {
        using var store = Open();
        var readings = new ExpiringReadingRepository(store);
        readings.Put(new ExpiringReading("gw-1", Start, "old", 1));
        store.Compact();
        readings.Put(new ExpiringReading("gw-1", Start, "new", 2));
        _clock.Now = Start.AddDays(1);

        store.Compact();

        Assert.Empty(readings.All());
        Assert.Empty(readings.FindByRoom("old"));
        Assert.Empty(readings.FindByRoom("new"));
        Assert.Empty(store.ScanPrefix(ExpiringReadingKey.Prefix));
    }

    [Fact]
    public void Rewriting_an_entity_moves_its_expiry_and_its_unchanged_index_entry_follows()
    {
        using var store = Open();
        var answers = new CachedAnswerRepository(store);
        answers.Put(new CachedAnswer(1, Start.UtcDateTime, "same"));
        answers.Put(new CachedAnswer(2, Start.UtcDateTime, "kept"));

        // Fetched again: a later expiry, the same index value. The entry must not keep the old expiry...
        answers.Put(new CachedAnswer(1, Start.UtcDateTime.AddHours(1), "same"));

        // ...nor an expiry at all once the entity has none.
        answers.Put(new CachedAnswer(2, null, "kept"));
        _clock.Now = Start.AddMinutes(30);
        Assert.Equal(1, Assert.Single(answers.FindByText("same")).Id);
        Assert.Equal(2, Assert.Single(answers.FindByText("kept")).Id);
        _clock.Now = Start.AddDays(365);
        Assert.Empty(answers.FindByText("same"));
        Assert.Equal(2, Assert.Single(answers.FindByText("kept")).Id);
        Assert.Single(store.ScanPrefix(Keyspace.IndexPrefix("cached_answers", "Text")));
    }

    [Fact]
    public void A_DateTime_member_counts_Unspecified_as_UTC_and_null_never_expires()
    {
        using var store = Open();
        var answers = new CachedAnswerRepository(store);
        answers.Put(new CachedAnswer(1, DateTime.SpecifyKind(Start.UtcDateTime, DateTimeKind.Unspecified), "a"));
        answers.Put(new CachedAnswer(2, Start.UtcDateTime, "b"));
        answers.Put(new CachedAnswer(3, null, "forever"));

        _clock.Now = Start.AddSeconds(89);
        Assert.Equal(3, answers.All().Count());
        _clock.Now = Start.AddSeconds(90);
        Assert.Equal([3], answers.All().Select(a => a.Id));
        _clock.Now = DateTimeOffset.MaxValue.AddDays(-1);
        Assert.True(answers.Contains(3));
    }

    [Fact]
    public void An_instant_near_the_end_of_time_does_not_overflow()
    {
        Assert.Equal(DateTimeOffset.MaxValue, ExpiryTime.After(DateTimeOffset.MaxValue.AddHours(-1), TimeSpan.TicksPerDay));
        Assert.Equal(Start.AddDays(1), ExpiryTime.After(Start, TimeSpan.TicksPerDay));
    }

    private EdgeStore Open() => EdgeStore.Open(_directory.Path, new EdgeStoreOptions { TimeProvider = _clock });
}
