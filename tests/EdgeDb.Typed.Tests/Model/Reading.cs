using MemoryPack;

namespace EdgeDb.Typed.Tests.Model;

/// <summary>A telemetry reading kept for a day after it was taken: expiry from a member, with an index.</summary>
[MemoryPackable]
[EdgeCollection("expiring_readings")]
public partial record ExpiringReading(
    [property: EdgeKey(0, MaxLength = 16)] string Device,
    [property: EdgeKey(1), EdgeTimeToLive(Days = 1)] DateTimeOffset TakenAt,
    [property: EdgeIndex(MaxLength = 8)] string Room,
    double Celsius);

/// <summary>A cached answer that expires 90 seconds after it was fetched, or never when it has no fetch time.</summary>
[MemoryPackable]
[EdgeCollection("cached_answers")]
public partial record CachedAnswer(
    [property: EdgeKey(0)] int Id,
    [property: EdgeTimeToLive(Minutes = 1, Seconds = 30)] DateTime? FetchedAt,
    [property: EdgeIndex(MaxLength = 16)] string Text);
