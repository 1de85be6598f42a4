namespace EdgeDb.SourceModel;

/// <summary>
/// The reasons a collection cannot be served, with the ids and message formats the analyzers report them
/// under. The generator emits nothing for a collection with any of them.
/// </summary>
internal static class ProblemIds
{
    public const string MissingKey = "EDB001";
    public const string UnsupportedKeyType = "EDB002";
    public const string MissingMaxLength = "EDB003";
    public const string DuplicateKeyOrder = "EDB004";
    public const string NotMemoryPackable = "EDB005";
    public const string InvalidCollectionName = "EDB006";
    public const string KeyTooLong = "EDB007";
    public const string GenericCollection = "EDB008";
    public const string UnreadableMember = "EDB009";
    public const string InaccessibleCollection = "EDB010";
    public const string NegativeKeyOrder = "EDB011";

    /// <summary>The largest key any store accepts (EdgeStoreOptions.KeySizeLimit).</summary>
    public const int KeySizeLimit = 64 * 1024;

    public static ModelProblem Create(string id, string memberName, params object[] args) =>
        new(id, memberName, string.Format(System.Globalization.CultureInfo.InvariantCulture, Format(id), args));

    public static string Format(string id) => id switch
    {
        MissingKey => "The collection type '{0}' has no key: mark its key properties with [EdgeKey(order)]",
        UnsupportedKeyType => "'{0}' has type '{1}', which a key part or index cannot have: use an integer, bool, char, enum, string, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, float, double, decimal or byte[] (or a nullable of a value type)",
        MissingMaxLength => "'{0}' is a {1} key part or index without a bound: add [MaxLength(n)] or set MaxLength = n on its [EdgeKey]/[EdgeIndex] (n > 0)",
        DuplicateKeyOrder => "'{0}' and '{1}' both have [EdgeKey({2})]: give each key part its own order",
        NotMemoryPackable => "'{0}' must be marked [MemoryPackable] (and partial) so that its values serialize without reflection",
        InvalidCollectionName => "The collection name of '{0}' is empty: pass a non-empty name to [EdgeCollection(name)]",
        KeyTooLong => "The key of '{0}' encodes to up to {1} bytes, over the limit of {2}: lower the [MaxLength] of its string or byte-array parts",
        GenericCollection => "'{0}' is generic: a collection type cannot have type parameters",
        UnreadableMember => "'{0}' must be an instance property with a public or internal getter to be a key part or index",
        InaccessibleCollection => "'{0}' is private or protected, or nested in such a type: a collection type must be public or internal",
        NegativeKeyOrder => "'{0}' has [EdgeKey({1})]: key orders must be zero or more",
        _ => id,
    };
}
