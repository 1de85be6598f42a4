namespace EdgeDb;

/// <summary>
/// Marks a property as part of its collection's key. Parts are ordered by <see cref="Order"/>; entities are
/// stored and scanned in the order of the key tuple. A string or byte-array part needs
/// <c>[MaxLength(n)]</c> (System.ComponentModel.DataAnnotations). On a record's primary constructor
/// parameter, write <c>[property: EdgeKey(0)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class EdgeKeyAttribute : Attribute
{
    /// <summary>Marks the part at position <paramref name="order"/> (0 first) of the key.</summary>
    public EdgeKeyAttribute(int order)
    {
        Order = order;
    }

    /// <summary>The position of this part in the key tuple.</summary>
    public int Order { get; }

    /// <summary>When true this part sorts from largest to smallest (its encoding is complemented).</summary>
    public bool Descending { get; set; }

    /// <summary>
    /// The bound of a string (UTF-16 code units) or byte-array part, as <c>[MaxLength(n)]</c> gives it. Prefer this in
    /// Native AOT apps: MaxLengthAttribute's constructor is marked RequiresUnreferencedCode (for DataAnnotations
    /// validation), so the AOT compiler warns wherever it is applied. 0 means unset.
    /// </summary>
    public int MaxLength { get; set; }
}
