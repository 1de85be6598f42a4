using MemoryPack;

namespace EdgeDb.Typed.Tests.Model;

// Successive releases of one collection's model, as an app's store sees them across upgrades (docs/key-encoding.md,
// "Schemas"): each type is the collection "notes" at one release. A test opens a store with one, then another.

/// <summary>Release 1: no index.</summary>
[MemoryPackable]
[EdgeCollection("notes")]
public partial record NoteV1([property: EdgeKey(0)] int Id, string Topic, string Author);

/// <summary>Release 2: an index on Topic and a unique index on Author, added while notes are stored.</summary>
[MemoryPackable]
[EdgeCollection("notes")]
public partial record NoteV2(
    [property: EdgeKey(0)] int Id,
    [property: EdgeIndex(MaxLength = 16)] string Topic,
    [property: EdgeIndex(Unique = true, MaxLength = 16)] string Author);

/// <summary>Release 3: the Author index dropped again.</summary>
[MemoryPackable]
[EdgeCollection("notes")]
public partial record NoteV3([property: EdgeKey(0)] int Id, [property: EdgeIndex(MaxLength = 16)] string Topic, string Author);

/// <summary>A release that retyped the key: an int key read as a long would decode every stored key wrongly.</summary>
[MemoryPackable]
[EdgeCollection("notes")]
public partial record NoteWithLongKey([property: EdgeKey(0)] long Id, string Topic, string Author);
