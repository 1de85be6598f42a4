using EdgeDb;
using MemoryPack;

namespace EdgeDb.Samples.TypedHost;

/// <summary>
/// A telemetry reading per device and instant, with an index on the room. The string bounds are given as MaxLength = n on the
/// EdgeDb attributes rather than [MaxLength(n)]: DataAnnotations' MaxLengthAttribute constructor is marked
/// RequiresUnreferencedCode, so Native AOT would warn (IL2026) wherever it is applied.
/// </summary>
[MemoryPackable]
[EdgeCollection("readings")]
public partial record SensorReading(
    [property: EdgeKey(0, MaxLength = 64)] string DeviceId,
    [property: EdgeKey(1)] DateTimeOffset Timestamp,
    [property: EdgeIndex(MaxLength = 32)] string Room,
    double Celsius);
