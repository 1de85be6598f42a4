namespace EdgeDb;

/// <summary>
/// A put would give a value of a unique index (<c>[EdgeIndex(Unique = true)]</c>) a second entity. Nothing of the put,
/// or of the batch or transaction it belongs to, was written.
/// </summary>
public sealed class EdgeUniqueConstraintException : EdgeDbException
{
    /// <summary>Creates the exception for the value of <paramref name="member"/> in <paramref name="collection"/>.</summary>
    public EdgeUniqueConstraintException(string collection, string member, string value)
        : base($"The unique index '{member}' of collection '{collection}' already holds the value {value} for another entity; nothing was written.")
    {
        Collection = collection;
        Member = member;
        Value = value;
    }

    /// <summary>The collection.</summary>
    public string Collection { get; }

    /// <summary>The indexed member.</summary>
    public string Member { get; }

    /// <summary>The value that is taken, as text.</summary>
    public string Value { get; }
}
