using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace EdgeDb.SourceModel;

/// <summary>
/// Turns an [EdgeCollection] type symbol into its <see cref="CollectionModel"/>, problems included. Shared by
/// the generator (which emits what it can serve) and the analyzers (which report the problems).
/// </summary>
internal static class CollectionModelReader
{
    public const string CollectionAttributeName = "EdgeDb.EdgeCollectionAttribute";

    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Reads <paramref name="type"/>; null when it carries no [EdgeCollection].</summary>
    public static CollectionModel? Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var collectionAttribute = type.GetAttributes().FirstOrDefault(a => IsAttribute(a, "EdgeDb", "EdgeCollectionAttribute"));
        if (collectionAttribute is null)
        {
            return null;
        }

        var problems = new List<ModelProblem>();
        var typeName = type.Name;
        var collectionName = collectionAttribute.ConstructorArguments.Length == 1 ? collectionAttribute.ConstructorArguments[0].Value as string : null;
        if (!IsValidCollectionName(collectionName))
        {
            problems.Add(ProblemIds.Create(ProblemIds.InvalidCollectionName, string.Empty, collectionName ?? "null", typeName));
        }

        // MemoryPack generates the serializer into the type and every type around it; generated code registering a
        // type that is not partial would not compile (CS0311), so such a collection gets no code at all.
        if (!IsPartial(type, cancellationToken))
        {
            problems.Add(ProblemIds.Create(ProblemIds.NotPartial, string.Empty, typeName));
        }

        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            if (!IsPartial(containing, cancellationToken))
            {
                problems.Add(ProblemIds.Create(ProblemIds.ContainingTypeNotPartial, string.Empty, typeName, containing.Name));
                break;
            }
        }

        if (type.IsGenericType)
        {
            problems.Add(ProblemIds.Create(ProblemIds.GenericCollection, string.Empty, typeName));
        }

        if (!type.GetAttributes().Any(a => IsAttribute(a, "MemoryPack", "MemoryPackableAttribute")))
        {
            problems.Add(ProblemIds.Create(ProblemIds.NotMemoryPackable, string.Empty, typeName));
        }

        var accessibility = EffectiveAccessibility(type);
        if (accessibility is null)
        {
            problems.Add(ProblemIds.Create(ProblemIds.InaccessibleCollection, string.Empty, typeName));
        }

        var keys = new List<KeyMemberModel>();
        var indexes = new List<KeyMemberModel>();
        // Every [EdgeKey] order, also of members that failed to read, so that one bad member does not look like a gap.
        var orders = new List<(string Name, int Order)>();
        TimeToLiveModel? timeToLive = null;
        foreach (var property in Properties(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (property.GetAttributes().FirstOrDefault(a => IsAttribute(a, "EdgeDb", "EdgeTimeToLiveAttribute")) is { } ttlAttribute)
            {
                var read = ReadTimeToLive(property, ttlAttribute, timeToLive, problems);
                timeToLive ??= read;
            }

            var keyAttribute = property.GetAttributes().FirstOrDefault(a => IsAttribute(a, "EdgeDb", "EdgeKeyAttribute"));
            var indexAttribute = property.GetAttributes().FirstOrDefault(a => IsAttribute(a, "EdgeDb", "EdgeIndexAttribute"));
            var isIndexed = indexAttribute is not null;
            if (keyAttribute is null && !isIndexed)
            {
                continue;
            }

            var order = -1;
            var descending = false;
            if (keyAttribute is not null)
            {
                order = keyAttribute.ConstructorArguments.Length == 1 && keyAttribute.ConstructorArguments[0].Value is int o ? o : 0;
                foreach (var named in keyAttribute.NamedArguments)
                {
                    if (named.Key == "Descending" && named.Value.Value is bool d)
                    {
                        descending = d;
                    }
                }

                orders.Add((property.Name, order));
            }

            var member = ReadMember(property, order, descending, keyAttribute is not null, NamedInt(keyAttribute, "MaxLength") ?? NamedInt(indexAttribute, "MaxLength"), problems);
            if (member is null)
            {
                continue;
            }

            if (keyAttribute is not null)
            {
                keys.Add(member);
            }

            if (isIndexed)
            {
                var unique = indexAttribute!.NamedArguments.Any(n => n.Key == "Unique" && n.Value.Value is true);
                indexes.Add(member with { Order = -1, Descending = false, IsUnique = unique });
            }
        }

        if (orders.Count == 0)
        {
            problems.Add(ProblemIds.Create(ProblemIds.MissingKey, string.Empty, typeName));
        }

        // Orders must be exactly 0..n-1: a duplicate, a gap or a negative order all show as the first part whose
        // order is not its position. OrderBy is stable, so the report does not depend on the sort.
        var sortedOrders = orders.OrderBy(o => o.Order).ToList();
        for (var i = 0; i < sortedOrders.Count; i++)
        {
            if (sortedOrders[i].Order != i)
            {
                var numbering = string.Join(", ", sortedOrders.Select(o => o.Name + " = " + o.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                problems.Add(ProblemIds.Create(ProblemIds.KeyOrder, sortedOrders[i].Name, typeName, numbering));
                break;
            }
        }

        keys = keys.OrderBy(k => k.Order).ToList();

        var model = new CollectionModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            typeName,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.IsValueType,
            accessibility ?? "internal",
            collectionName ?? string.Empty,
            new EquatableArray<KeyMemberModel>(keys.ToArray()),
            new EquatableArray<KeyMemberModel>(indexes.ToArray()),
            EquatableArray<ModelProblem>.Empty,
            timeToLive);

        if (model.LargestKeyLength > ProblemIds.KeySizeLimit)
        {
            problems.Add(ProblemIds.Create(ProblemIds.KeyTooLong, string.Empty, typeName, model.LargestKeyLength, ProblemIds.KeySizeLimit));
        }

        return model with { Problems = new EquatableArray<ModelProblem>(problems.ToArray()) };
    }

    /// <summary>The [EdgeTimeToLive] member, or null (with a problem recorded) when it cannot be served.</summary>
    private static TimeToLiveModel? ReadTimeToLive(IPropertySymbol property, AttributeData attribute, TimeToLiveModel? earlier, List<ModelProblem> problems)
    {
        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : property.Type;
        var isNullable = !SymbolEqualityComparer.Default.Equals(type, property.Type);
        long ticks = 0;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Value is int amount)
            {
                ticks += named.Key switch
                {
                    "Days" => amount * System.TimeSpan.TicksPerDay,
                    "Hours" => amount * System.TimeSpan.TicksPerHour,
                    "Minutes" => amount * System.TimeSpan.TicksPerMinute,
                    "Seconds" => amount * System.TimeSpan.TicksPerSecond,
                    _ => 0,
                };
            }
        }

        string? reason = null;
        if (earlier is not null)
        {
            reason = $"'{earlier.Member}' already gives the collection its expiry; an entity has one";
        }
        else if (type.SpecialType != SpecialType.System_DateTime && !(type.Name == "DateTimeOffset" && type.ContainingNamespace?.ToDisplayString() == "System"))
        {
            reason = $"its type is '{property.Type.ToDisplayString()}'; it must be a DateTimeOffset or DateTime (or nullable)";
        }
        else if (ticks <= 0)
        {
            reason = "its span is not positive; set Days, Hours, Minutes or Seconds";
        }
        else if (property.IsStatic || property.GetMethod is null)
        {
            reason = "it must be an instance property with a getter";
        }

        if (reason is not null)
        {
            problems.Add(ProblemIds.Create(ProblemIds.InvalidTimeToLive, property.Name, property.Name, reason));
            return null;
        }

        return new TimeToLiveModel(property.Name, ticks, isNullable);
    }

    /// <summary>A collection name the store accepts: not blank, and without '/', which joins a collection and an index member in keyspace names.</summary>
    public static bool IsValidCollectionName(string? name) => !string.IsNullOrWhiteSpace(name) && name!.IndexOf('/') < 0;

    private static KeyMemberModel? ReadMember(IPropertySymbol property, int order, bool descending, bool isKey, int? edgeMaxLength, List<ModelProblem> problems)
    {
        if (property.IsStatic || property.IsIndexer || property.GetMethod is null
            || property.GetMethod.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            problems.Add(ProblemIds.Create(ProblemIds.UnreadableMember, property.Name, property.Name));
            return null;
        }

        if (!KeyTypes.TryClassify(property.Type, out var kind, out var isNullable, out var enumTypeName))
        {
            problems.Add(ProblemIds.Create(isKey ? ProblemIds.UnsupportedKeyType : ProblemIds.UnsupportedIndexType, property.Name, property.Name, property.Type.ToDisplayString()));
            return null;
        }

        var maxLength = 0;
        if (KeyTypes.NeedsMaxLength(kind))
        {
            // MaxLength = n on [EdgeKey]/[EdgeIndex] first (no trim warning under Native AOT), then [MaxLength(n)].
            var attribute = property.GetAttributes().FirstOrDefault(a => IsAttribute(a, "System.ComponentModel.DataAnnotations", "MaxLengthAttribute"));
            maxLength = edgeMaxLength ?? (attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is int n ? n : 0);
            if (maxLength <= 0)
            {
                problems.Add(ProblemIds.Create(ProblemIds.MissingMaxLength, property.Name, property.Name, kind == KeyKind.String ? "string" : "byte[]"));
                return null;
            }
        }

        return new KeyMemberModel(
            property.Name,
            Naming.ParameterName(property.Name),
            property.Type.ToDisplayString(s_typeFormat),
            kind,
            isNullable,
            enumTypeName,
            maxLength,
            order,
            descending,
            kind is KeyKind.String or KeyKind.Bytes,
            kind is KeyKind.String or KeyKind.Bytes && property.NullableAnnotation == NullableAnnotation.NotAnnotated);
    }

    /// <summary>The instance properties of the type and its base types, the most derived first, each name once.</summary>
    private static IEnumerable<IPropertySymbol> Properties(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol property && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>"public" or "internal" for the generated types, or null when the type is not reachable from its assembly's namespace level.</summary>
    private static string? EffectiveAccessibility(INamedTypeSymbol type)
    {
        var result = "public";
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            switch (named.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    result = "internal";
                    break;
                default:
                    return null;
            }
        }

        return result;
    }

    private static int? NamedInt(AttributeData? attribute, string name)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == name && named.Value.Value is int value && value != 0)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="attribute"/> is <paramref name="ns"/>.<paramref name="name"/> (matched by name: the generator and analyzers must not need the attribute assemblies).</summary>
    public static bool IsAttribute(AttributeData attribute, string ns, string name) =>
        attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ns;

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PartialKeyword)));
}
