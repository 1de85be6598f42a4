namespace EdgeDb;

/// <summary>
/// Keeps a secondary index on a property: the repository gains <c>FindBy{Member}(value)</c>, and the index
/// entries are written, moved and removed in the same atomic batch as the entity. The property's type must be
/// one a key part may have (a string or byte array needs <c>[MaxLength(n)]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class EdgeIndexAttribute : Attribute
{
}
