using System.ComponentModel.DataAnnotations;
using MemoryPack;

namespace EdgeDb.Typed.Tests.Model;

/// <summary>A composite key of a bounded string and an instant, as a telemetry buffer keeps readings.</summary>
[MemoryPackable]
[EdgeCollection("readings")]
public partial record SensorReading(
    [property: EdgeKey(0), MaxLength(64)] string DeviceId,
    [property: EdgeKey(1)] DateTimeOffset Timestamp,
    double Celsius);

/// <summary>A class with init-only properties, an index and a descending key part.</summary>
[MemoryPackable]
[EdgeCollection("orders")]
public partial class Order
{
    [EdgeKey(0)]
    [MaxLength(32)]
    public string Customer { get; init; } = "";

    [EdgeKey(1, Descending = true)]
    public long Number { get; init; }

    [EdgeIndex]
    [MaxLength(16)]
    public string Status { get; init; } = "";

    [EdgeIndex]
    public int? Priority { get; init; }

    public decimal Total { get; init; }
}

/// <summary>The colour of a <see cref="Tag"/>.</summary>
public enum Colour : byte
{
    /// <summary>Red.</summary>
    Red = 1,

    /// <summary>Green.</summary>
    Green = 2,

    /// <summary>Blue.</summary>
    Blue = 3,
}
