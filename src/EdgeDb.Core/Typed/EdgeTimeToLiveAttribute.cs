namespace EdgeDb;

/// <summary>
/// Makes entities of a collection expire: an entity expires at this <see cref="DateTimeOffset"/> or <see cref="DateTime"/>
/// member's instant plus the span given here (the sum of <see cref="Days"/>, <see cref="Hours"/>, <see cref="Minutes"/>
/// and <see cref="Seconds"/>). From then on no read returns it or its index entries, and compaction drops them
/// (docs/lsm.md, "Expiry"; the clock is <see cref="EdgeStoreOptions.TimeProvider"/>). A null member means the entity
/// never expires. A <see cref="DateTime"/> of <see cref="DateTimeKind.Unspecified"/> kind is taken as UTC.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class EdgeTimeToLiveAttribute : Attribute
{
    /// <summary>Days of the span.</summary>
    public int Days { get; set; }

    /// <summary>Hours of the span.</summary>
    public int Hours { get; set; }

    /// <summary>Minutes of the span.</summary>
    public int Minutes { get; set; }

    /// <summary>Seconds of the span.</summary>
    public int Seconds { get; set; }
}
