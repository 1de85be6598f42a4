using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB001 and EDB012: MemoryPack generates a collection's serializer into the type itself, which therefore, and each
/// type it is nested in, must be partial. The generator emits nothing for such a collection (its code would not compile).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NotPartial, DiagnosticDescriptors.ContainingTypeNotPartial);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (SymbolFacts.IsPartial(type, context.CancellationToken))
        {
            return;
        }

        var attribute = SymbolFacts.CollectionAttribute(type);
        if (attribute is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, SymbolFacts.TypeLocation(type, attribute, context.CancellationToken), type.Name));
        }

        // Reported by the containing type itself (where the fix applies, and so the diagnostic stays local to the
        // symbol analyzed), naming the first collection nested in it.
        if (FirstNestedCollection(type) is { } nested)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, SymbolFacts.TypeLocation(type, null, context.CancellationToken), nested.Name, type.Name));
        }
    }

    private static INamedTypeSymbol? FirstNestedCollection(INamedTypeSymbol type)
    {
        foreach (var nested in type.GetTypeMembers())
        {
            if (SymbolFacts.CollectionAttribute(nested) is not null)
            {
                return nested;
            }

            if (FirstNestedCollection(nested) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }
}
