using MemoryPack;

namespace EdgeDb.TypedHost.Model;

/// <summary>
/// The badge a member holds, always written in the same transaction as the member with the same generation,
/// so a torn commit shows as a member and a badge that disagree.
/// </summary>
[MemoryPackable]
[EdgeCollection("badges")]
public partial record Badge(
    [property: EdgeKey(0)] int MemberId,
    [property: EdgeIndex] int? Level,
    long Generation);
