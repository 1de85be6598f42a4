using MemoryPack;

namespace EdgeDb.TypedHost.Model;

/// <summary>A member of a club: a unique email, an ordinary index on the team, and the generation of its last transaction.</summary>
[MemoryPackable]
[EdgeCollection("members")]
public partial record Member(
    [property: EdgeKey(0)] int Id,
    [property: EdgeIndex(Unique = true, MaxLength = 32)] string Email,
    [property: EdgeIndex(MaxLength = 8)] string Team,
    long Generation);
