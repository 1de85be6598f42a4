using MemoryPack;

namespace EdgeDb.Typed.Tests.Model;

#pragma warning disable EDB023 // On purpose: the test shows what the warning says, that null is held once.

/// <summary>A seat that may have a desk: a unique index on a nullable member.</summary>
[MemoryPackable]
[EdgeCollection("seats")]
public partial record Seat([property: EdgeKey(0)] int Id, [property: EdgeIndex(Unique = true)] int? Desk);
