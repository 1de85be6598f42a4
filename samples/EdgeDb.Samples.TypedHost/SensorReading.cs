using System.ComponentModel.DataAnnotations;
using EdgeDb;
using MemoryPack;

namespace EdgeDb.Samples.TypedHost;

// MaxLengthAttribute's constructor is marked RequiresUnreferencedCode for DataAnnotations validation, which reflects
// over non-collection values. EdgeDb only reads the attribute at compile time (the generator bakes the bound into
// the generated code) and never validates through it, so the trim analyzer's warning does not apply here.
#pragma warning disable IL2026

/// <summary>The BRIEF's example collection, with an index on the room.</summary>
[MemoryPackable]
[EdgeCollection("readings")]
public partial record SensorReading(
    [property: EdgeKey(0), MaxLength(64)] string DeviceId,
    [property: EdgeKey(1)] DateTimeOffset Timestamp,
    [property: EdgeIndex, MaxLength(32)] string Room,
    double Celsius);

#pragma warning restore IL2026
