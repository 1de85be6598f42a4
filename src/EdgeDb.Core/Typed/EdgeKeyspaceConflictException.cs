namespace EdgeDb;

/// <summary>
/// Two keyspaces (collections or indexes) of one store have names whose 5-byte prefixes are equal
/// (docs/key-encoding.md, "The catalogue"). Rename one of the collections.
/// </summary>
public sealed class EdgeKeyspaceConflictException : EdgeDbException
{
    /// <summary>Creates the exception for <paramref name="name"/>, whose prefix <paramref name="existingName"/> already owns.</summary>
    public EdgeKeyspaceConflictException(string name, string existingName)
        : base($"The keyspace '{name}' has the same prefix as '{existingName}', which this store already holds; rename one of the collections.")
    {
        Name = name;
        ExistingName = existingName;
    }

    /// <summary>The keyspace that could not be registered.</summary>
    public string Name { get; }

    /// <summary>The keyspace that owns the prefix.</summary>
    public string ExistingName { get; }
}
