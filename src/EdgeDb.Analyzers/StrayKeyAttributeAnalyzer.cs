using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB016: [EdgeKey]/[EdgeIndex] on a property that no collection reads. The model reader also reads key properties
/// of base types, so a property counts as used when its type is a collection or a base of one in this compilation;
/// abstract types are left alone, since a collection in another assembly may derive from them. Checked at the end
/// of the compilation, once every collection has been seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StrayKeyAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AttributeOutsideCollection);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var served = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            var candidates = new ConcurrentBag<(IPropertySymbol Property, string Attribute)>();
            start.RegisterSymbolAction(
                c =>
                {
                    var type = (INamedTypeSymbol)c.Symbol;
                    if (SymbolFacts.CollectionAttribute(type) is not null)
                    {
                        foreach (var servedType in SymbolFacts.SelfAndBaseTypes(type))
                        {
                            served.TryAdd(servedType.OriginalDefinition, true);
                        }
                    }
                },
                SymbolKind.NamedType);
            start.RegisterSymbolAction(
                c =>
                {
                    var property = (IPropertySymbol)c.Symbol;
                    var attribute = SymbolFacts.KeyAttribute(property) is not null ? "EdgeKey" : SymbolFacts.IndexAttribute(property) is not null ? "EdgeIndex" : null;
                    if (attribute is not null && !property.ContainingType.IsAbstract)
                    {
                        candidates.Add((property, attribute));
                    }
                },
                SymbolKind.Property);
            start.RegisterCompilationEndAction(c =>
            {
                foreach (var (property, attribute) in candidates)
                {
                    if (!served.ContainsKey(property.ContainingType.OriginalDefinition))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AttributeOutsideCollection, property.Locations[0], attribute, property.Name, property.ContainingType.Name));
                    }
                }
            });
        });
    }
}
