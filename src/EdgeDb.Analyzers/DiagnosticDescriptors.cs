using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;

namespace EdgeDb.Analyzers;

/// <summary>
/// Every EdgeDb diagnostic. Ids and message formats come from <see cref="ProblemIds"/>, which the generator's model
/// reader shares, so a problem reads the same whoever finds it; titles, categories and severities live here.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>Where each id's page (a bad and a good example) lives: docs/diagnostics/EDBnnn.md in the repository.</summary>
    public const string HelpLinkBase = "docs/diagnostics/";

    private const string Design = "EdgeDb.Design";
    private const string Usage = "EdgeDb.Usage";

    public static readonly DiagnosticDescriptor NotPartial = Create(ProblemIds.NotPartial, "A collection type must be partial", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor MissingKey = Create(ProblemIds.MissingKey, "A collection type needs a key", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnsupportedKeyType = Create(ProblemIds.UnsupportedKeyType, "A key part's type cannot be encoded in order", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor KeyOrder = Create(ProblemIds.KeyOrder, "Key orders must count up from 0 with no repeat or gap", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor MissingMaxLength = Create(ProblemIds.MissingMaxLength, "A string or byte-array key part needs a MaxLength", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor KeyTooLong = Create(ProblemIds.KeyTooLong, "A key can exceed the store's key size limit", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor MutableKey = Create(ProblemIds.MutableKey, "A key part can be changed after it is stored", Design, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DuplicateCollectionName = Create(ProblemIds.DuplicateCollectionName, "Two collections share a name", Design, DiagnosticSeverity.Error, compilationEnd: true);
    public static readonly DiagnosticDescriptor NotMemoryPackable = Create(ProblemIds.NotMemoryPackable, "A collection type must be [MemoryPackable]", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnsupportedIndexType = Create(ProblemIds.UnsupportedIndexType, "An index member's type cannot be indexed", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor ConstantTooLong = Create(ProblemIds.ConstantTooLong, "A constant key part is longer than its MaxLength", Usage, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(ProblemIds.ContainingTypeNotPartial, "A collection type's containing types must be partial", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor GenericCollection = Create(ProblemIds.GenericCollection, "A collection type cannot be generic", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor InaccessibleCollection = Create(ProblemIds.InaccessibleCollection, "A collection type must be public or internal", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnreadableMember = Create(ProblemIds.UnreadableMember, "A key part or index must be a readable instance property", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor AttributeOutsideCollection = Create(ProblemIds.AttributeOutsideCollection, "[EdgeKey] or [EdgeIndex] outside a collection", Design, DiagnosticSeverity.Warning, compilationEnd: true);
    public static readonly DiagnosticDescriptor MemberNotSerialized = Create(ProblemIds.MemberNotSerialized, "MemoryPack does not serialize a key part or index", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DateTimeKey = Create(ProblemIds.DateTimeKey, "A DateTime key keeps its Kind", Design, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor InvalidCollectionName = Create(ProblemIds.InvalidCollectionName, "A collection name must be non-empty and without '/'", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor SequentialLayout = Create(ProblemIds.SequentialLayout, "A persisted type on MemoryPack's sequential layout", Design, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor TrimUnsafeMaxLength = Create(ProblemIds.TrimUnsafeMaxLength, "[MaxLength] on a key part draws IL2026 under Native AOT", Usage, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UniqueNullable = Create(ProblemIds.UniqueNullable, "A unique index holds null once", Design, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UniqueBoolean = Create(ProblemIds.UniqueBoolean, "A unique index on a bool holds two entities", Design, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor InvalidTimeToLive = Create(ProblemIds.InvalidTimeToLive, "[EdgeTimeToLive] cannot be served", Design, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor KeyspaceCollision = Create(ProblemIds.KeyspaceCollision, "Two keyspace names share a prefix", Design, DiagnosticSeverity.Error, compilationEnd: true);

    /// <summary>The descriptor of a problem the model reader records.</summary>
    public static DiagnosticDescriptor ForProblem(string id) => id switch
    {
        ProblemIds.MissingKey => MissingKey,
        ProblemIds.UnsupportedKeyType => UnsupportedKeyType,
        ProblemIds.KeyOrder => KeyOrder,
        ProblemIds.MissingMaxLength => MissingMaxLength,
        ProblemIds.KeyTooLong => KeyTooLong,
        ProblemIds.NotMemoryPackable => NotMemoryPackable,
        ProblemIds.UnsupportedIndexType => UnsupportedIndexType,
        ProblemIds.GenericCollection => GenericCollection,
        ProblemIds.InaccessibleCollection => InaccessibleCollection,
        ProblemIds.UnreadableMember => UnreadableMember,
        ProblemIds.InvalidCollectionName => InvalidCollectionName,
        ProblemIds.InvalidTimeToLive => InvalidTimeToLive,
        _ => throw new System.ArgumentException("The model reader records no problem " + id, nameof(id)),
    };

    private static DiagnosticDescriptor Create(string id, string title, string category, DiagnosticSeverity severity, bool compilationEnd = false) => new(
        id,
        title,
        ProblemIds.Format(id),
        category,
        severity,
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLinkBase + id + ".md",
        customTags: compilationEnd ? new[] { WellKnownDiagnosticTags.CompilationEnd } : System.Array.Empty<string>());
}
