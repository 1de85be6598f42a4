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
        if (string.IsNullOrWhiteSpace(collectionName))
        {
            problems.Add(ProblemIds.Create(ProblemIds.InvalidCollectionName, string.Empty, typeName));
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
        foreach (var property in Properties(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
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

                if (order < 0)
                {
                    problems.Add(ProblemIds.Create(ProblemIds.NegativeKeyOrder, property.Name, property.Name, order));
                }
            }

            var member = ReadMember(property, order, descending, NamedInt(keyAttribute, "MaxLength") ?? NamedInt(indexAttribute, "MaxLength"), problems);
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
                indexes.Add(member with { Order = -1, Descending = false });
            }
        }

        if (keys.Count == 0 && !problems.Any(p => p.Id == ProblemIds.UnsupportedKeyType || p.Id == ProblemIds.UnreadableMember || p.Id == ProblemIds.MissingMaxLength))
        {
            problems.Add(ProblemIds.Create(ProblemIds.MissingKey, string.Empty, typeName));
        }

        keys.Sort((a, b) => a.Order.CompareTo(b.Order));
        for (var i = 1; i < keys.Count; i++)
        {
            if (keys[i].Order == keys[i - 1].Order)
            {
                problems.Add(ProblemIds.Create(ProblemIds.DuplicateKeyOrder, keys[i].Name, keys[i - 1].Name, keys[i].Name, keys[i].Order));
            }
        }

        var model = new CollectionModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            typeName,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.IsValueType,
            accessibility ?? "internal",
            collectionName ?? string.Empty,
            new EquatableArray<KeyMemberModel>(keys.ToArray()),
            new EquatableArray<KeyMemberModel>(indexes.ToArray()),
            EquatableArray<ModelProblem>.Empty);

        var maxLength = model.MaxEncodedLength;
        foreach (var index in indexes)
        {
            maxLength = System.Math.Max(maxLength, model.MaxEncodedLength + index.MaxEncodedLength);
        }

        if (maxLength > ProblemIds.KeySizeLimit)
        {
            problems.Add(ProblemIds.Create(ProblemIds.KeyTooLong, string.Empty, typeName, maxLength, ProblemIds.KeySizeLimit));
        }

        return model with { Problems = new EquatableArray<ModelProblem>(problems.ToArray()) };
    }

    private static KeyMemberModel? ReadMember(IPropertySymbol property, int order, bool descending, int? edgeMaxLength, List<ModelProblem> problems)
    {
        if (property.IsStatic || property.IsIndexer || property.GetMethod is null
            || property.GetMethod.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            problems.Add(ProblemIds.Create(ProblemIds.UnreadableMember, property.Name, property.Name));
            return null;
        }

        if (!KeyTypes.TryClassify(property.Type, out var kind, out var isNullable, out var enumTypeName))
        {
            problems.Add(ProblemIds.Create(ProblemIds.UnsupportedKeyType, property.Name, property.Name, property.Type.ToDisplayString()));
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
            kind is KeyKind.String or KeyKind.Bytes);
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

    private static bool IsAttribute(AttributeData attribute, string ns, string name) =>
        attribute.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == ns;
}
