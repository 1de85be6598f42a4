using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDb.Analyzers;

/// <summary>
/// What the analyzers ask of symbols, and where they point. The model is location-free (so the generator can cache
/// it), so every location is found again here from the symbol and the member names the model records.
/// </summary>
internal static class SymbolFacts
{
    public static AttributeData? CollectionAttribute(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => CollectionModelReader.IsAttribute(a, "EdgeDb", "EdgeCollectionAttribute"));

    public static AttributeData? Attribute(ISymbol symbol, string ns, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => CollectionModelReader.IsAttribute(a, ns, name));

    public static bool HasAttribute(ISymbol symbol, string ns, string name) => Attribute(symbol, ns, name) is not null;

    public static AttributeData? KeyAttribute(IPropertySymbol property) => Attribute(property, "EdgeDb", "EdgeKeyAttribute");

    public static AttributeData? IndexAttribute(IPropertySymbol property) => Attribute(property, "EdgeDb", "EdgeIndexAttribute");

    /// <summary>The name of the type's declaration that carries <paramref name="attribute"/>, or of its first declaration.</summary>
    public static Location TypeLocation(INamedTypeSymbol type, AttributeData? attribute, CancellationToken cancellationToken)
    {
        if (attribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        return type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
    }

    /// <summary>
    /// Where a problem of <paramref name="memberName"/> points: the member's name (a record's positional parameter
    /// is its property's location) when it is declared in source, else the type.
    /// </summary>
    public static Location MemberLocation(INamedTypeSymbol type, string memberName, Location typeLocation)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(memberName))
            {
                if (member is IPropertySymbol && member.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
                {
                    return location;
                }
            }
        }

        return typeLocation;
    }

    /// <summary>The location of the collection name argument of [EdgeCollection(name)], or the type's.</summary>
    public static Location CollectionNameLocation(AttributeData attribute, Location typeLocation, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments: { Count: > 0 } arguments }
            ? arguments[0].GetLocation()
            : typeLocation;

    /// <summary>True when some declaration of the type says partial.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The collection types a key attribute on a property of <paramref name="type"/> serves: the type and those that derive from it.</summary>
    public static IEnumerable<INamedTypeSymbol> SelfAndBaseTypes(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            yield return current;
        }
    }
}
