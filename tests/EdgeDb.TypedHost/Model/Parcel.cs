using MemoryPack;

namespace EdgeDb.TypedHost.Model;

/// <summary>Release 1 of the collection "parcels": no index.</summary>
[MemoryPackable]
[EdgeCollection("parcels")]
public partial record Parcel([property: EdgeKey(0)] int Id, string Zone);

/// <summary>Release 2 of "parcels": an index on Zone, built from the stored parcels when the repository is constructed.</summary>
[MemoryPackable]
[EdgeCollection("parcels")]
public partial record ZonedParcel([property: EdgeKey(0)] int Id, [property: EdgeIndex(MaxLength = 8)] string Zone);
