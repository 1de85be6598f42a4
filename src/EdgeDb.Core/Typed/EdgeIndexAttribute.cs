namespace EdgeDb;

/// <summary>
/// Keeps a secondary index on a property: the repository gains <c>FindBy{Member}(value)</c>, and the index
/// entries are written, moved and removed in the same atomic batch as the entity. The property's type must be
/// one a key part may have (a string or byte array needs <c>[MaxLength(n)]</c> or <see cref="MaxLength"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class EdgeIndexAttribute : Attribute
{
    /// <summary>The bound of a string or byte-array member, as <c>[MaxLength(n)]</c> gives it (see <see cref="EdgeKeyAttribute.MaxLength"/>). 0 means unset.</summary>
    public int MaxLength { get; set; }

    /// <summary>
    /// Keeps at most one entity per value: the repository gains <c>TryGetBy{Member}</c> and <c>GetBy{Member}</c>, and a
    /// put that would give a value a second entity throws <see cref="EdgeUniqueConstraintException"/> and writes nothing
    /// (docs/transactions.md, "Unique indexes").
    /// </summary>
    public bool Unique { get; set; }
}
