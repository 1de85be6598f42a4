namespace EdgeDb;

/// <summary>
/// A collection's model no longer matches the schema its stored data was written with (docs/key-encoding.md,
/// "Schemas"): its key layout changed. Raised when the repository is constructed, before anything is read or written.
/// </summary>
public sealed class EdgeSchemaMismatchException : EdgeDbException
{
    /// <summary>Creates the exception for <paramref name="collection"/>, whose <paramref name="part"/> was <paramref name="stored"/> and is now <paramref name="current"/>.</summary>
    public EdgeSchemaMismatchException(string collection, string part, string stored, string current)
        : base($"The {part} of collection '{collection}' changed: the store's data was written with ({stored}), the model now has ({current}). " +
            "Stored keys would decode wrongly, so nothing was read or written; keep the old layout, or move the data to a new collection.")
    {
        Collection = collection;
        Part = part;
        Stored = stored;
        Current = current;
    }

    /// <summary>The collection.</summary>
    public string Collection { get; }

    /// <summary>What changed, e.g. "key layout".</summary>
    public string Part { get; }

    /// <summary>The layout the stored data was written with.</summary>
    public string Stored { get; }

    /// <summary>The layout of the model now.</summary>
    public string Current { get; }
}
