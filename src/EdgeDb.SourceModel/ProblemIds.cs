namespace EdgeDb.SourceModel;

/// <summary>
/// Every EdgeDb diagnostic id and its message format, in one place so the ids stay fixed. The model reader records
/// the blocking ones (<see cref="IsBlocking"/>) as <see cref="ModelProblem"/>s and the generator emits nothing for a
/// collection that has any; the analyzers report them, and check the advisory ones (which do not stop generation)
/// straight from the symbols. The ids are public: never renumber one.
/// </summary>
internal static class ProblemIds
{
    public const string NotPartial = "EDB001";
    public const string MissingKey = "EDB002";
    public const string UnsupportedKeyType = "EDB003";
    public const string KeyOrder = "EDB004";
    public const string MissingMaxLength = "EDB005";
    public const string KeyTooLong = "EDB006";
    public const string MutableKey = "EDB007";
    public const string DuplicateCollectionName = "EDB008";
    public const string NotMemoryPackable = "EDB009";
    public const string UnsupportedIndexType = "EDB010";
    public const string ConstantTooLong = "EDB011";
    public const string ContainingTypeNotPartial = "EDB012";
    public const string GenericCollection = "EDB013";
    public const string InaccessibleCollection = "EDB014";
    public const string UnreadableMember = "EDB015";
    public const string AttributeOutsideCollection = "EDB016";
    public const string MemberNotSerialized = "EDB017";
    public const string DateTimeKey = "EDB018";
    public const string InvalidCollectionName = "EDB019";
    public const string SequentialLayout = "EDB020";
    public const string KeyspaceCollision = "EDB021";
    public const string TrimUnsafeMaxLength = "EDB022";
    public const string UniqueNullable = "EDB023";
    public const string UniqueBoolean = "EDB024";
    public const string InvalidTimeToLive = "EDB025";

    /// <summary>The largest key any store accepts (EdgeStoreOptions.KeySizeLimit): past it the generator cannot serve a collection at all.</summary>
    public const int KeySizeLimit = 64 * 1024;

    /// <summary>The store's default EdgeStoreOptions.MaxKeySize, the limit EDB006 checks unless the project sets EdgeDbMaxKeySize.</summary>
    public const int DefaultMaxKeySize = 1024;

    /// <summary>The types a key part or index may have, as the messages of EDB003 and EDB010 list them.</summary>
    public const string SupportedTypes = "an integer type (8 to 128 bits), bool, char, an enum, string, Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, float, double, decimal or byte[], or a nullable of one of the value types";

    /// <summary>True for the problems that keep the generator from emitting a collection (it would emit code that cannot work).</summary>
    public static bool IsBlocking(string id) => id is NotPartial or ContainingTypeNotPartial or MissingKey or UnsupportedKeyType or KeyOrder or MissingMaxLength or KeyTooLong
        or NotMemoryPackable or UnsupportedIndexType or GenericCollection or InaccessibleCollection or UnreadableMember or InvalidCollectionName
        or InvalidTimeToLive;

    public static ModelProblem Create(string id, string memberName, params object[] args)
    {
        var arguments = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            arguments[i] = System.Convert.ToString(args[i], System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new ModelProblem(id, memberName, new EquatableArray<string>(arguments));
    }

    /// <summary>The message format of <paramref name="id"/> ({0}, {1}, ... as the analyzers pass them).</summary>
    public static string Format(string id) => id switch
    {
        NotPartial => "The collection type '{0}' is not partial: add the partial modifier (MemoryPack generates its serializer into the type)",
        MissingKey => "The collection type '{0}' has no key: mark its key properties with [EdgeKey(order)]",
        UnsupportedKeyType => "Key part '{0}' has type '{1}', which cannot be encoded in order: use " + SupportedTypes,
        KeyOrder => "The key parts of '{0}' are numbered {1}: number them 0, 1, 2, ... with [EdgeKey(order)], each order once and none skipped",
        MissingMaxLength => "'{0}' is a {1} key part or index without a bound, so its key size is unbounded and no repository or key type is generated for the collection until it has one: set MaxLength = n on its [EdgeKey]/[EdgeIndex] (or add [MaxLength(n)]), n > 0",
        KeyTooLong => "The largest key of '{0}' (an entity key or an index entry) encodes to {1} bytes, over the key size limit of {2}: lower the MaxLength of its string or byte-array parts, or raise the limit (the EdgeDbMaxKeySize property, and the store's MaxKeySize to match)",
        MutableKey => "Key part '{0}' can be changed after the entity is stored, which would leave it under its old key: make it init-only or get-only",
        DuplicateCollectionName => "The collection name '{0}' is used by both '{1}' and '{2}': give each collection its own name (the name decides where its data lives)",
        NotMemoryPackable => "The collection type '{0}' is not [MemoryPackable]: add [MemoryPackable] so that its values serialize without reflection",
        UnsupportedIndexType => "Index member '{0}' has type '{1}', which cannot be indexed: use " + SupportedTypes,
        ConstantTooLong => "The value passed as '{0}' is {1} {2} long, over the [MaxLength] of {3} of key part '{4}': the call throws ArgumentException",
        ContainingTypeNotPartial => "The collection type '{0}' is nested in '{1}', which is not partial: make every containing type partial (MemoryPack generates the serializer inside them)",
        GenericCollection => "The collection type '{0}' is generic: a collection type cannot have type parameters",
        InaccessibleCollection => "The collection type '{0}' is private or protected, or nested in such a type: make it (and its containing types) public or internal",
        UnreadableMember => "'{0}' must be an instance property with a public or internal getter to be a key part or index",
        AttributeOutsideCollection => "[{0}] on '{1}' has no effect: '{2}' is not an [EdgeCollection] type and no collection derives from it",
        MemberNotSerialized => "'{0}' is a key part or index that MemoryPack does not serialize ({1}): a stored entity would come back without it; make it public and remove [MemoryPackIgnore], or add [MemoryPackInclude]",
        DateTimeKey => "'{0}' is a DateTime key part or index: its Kind is part of the key, so two DateTimes of equal ticks but different Kind are different keys; store one Kind (UTC) or use DateTimeOffset",
        InvalidCollectionName => "'{0}' is not a valid collection name for '{1}': pass [EdgeCollection(name)] a name that is not empty or blank and has no '/' (which joins a collection and an index member in keyspace names)",
        SequentialLayout => "'{0}' uses MemoryPack's default sequential layout: stored values are read back by member position, so members may only be appended, never removed or reordered; use [MemoryPackable(GenerateType.VersionTolerant)] with [MemoryPackOrder(n)] to evolve it freely",
        KeyspaceCollision => "The keyspace names '{0}' and '{1}' hash to the same prefix {2}: opening both in one store raises EdgeKeyspaceConflictException; rename one collection",
        TrimUnsafeMaxLength => "'{0}' is bounded by [MaxLength({1})], whose constructor draws trim warning IL2026 when this project is published with Native AOT or trimming: write MaxLength = {1} on its [{2}] instead",
        UniqueNullable => "'{0}' is a unique index on a nullable member: null is a value like any other, so only one entity can hold null; make the member non-nullable, or drop Unique and check the non-null values yourself",
        UniqueBoolean => "'{0}' is a unique index on a bool: it allows at most two entities in the collection (one true, one false{1}); drop Unique or index a member that identifies an entity",
        InvalidTimeToLive => "[EdgeTimeToLive] on '{0}' cannot be served: {1}",
        _ => id,
    };
}
