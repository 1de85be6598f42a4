using MemoryPack;

namespace EdgeDb.Typed.Tests.Model;

/// <summary>A collection with a unique index (Email) and an ordinary one (Tier), for transactions and uniqueness.</summary>
[MemoryPackable]
[EdgeCollection("customers")]
public partial record Customer(
    [property: EdgeKey(0)] int Id,
    [property: EdgeIndex(Unique = true, MaxLength = 64)] string Email,
    [property: EdgeIndex(MaxLength = 16)] string Tier,
    long Balance);
