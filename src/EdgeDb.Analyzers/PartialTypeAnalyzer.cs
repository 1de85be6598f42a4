using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB001 and EDB012: MemoryPack generates a collection's serializer into the type itself, which therefore, and each
/// type it is nested in, must be partial. The EdgeDb generator does not need it, so it still emits the repository.
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
        var attribute = SymbolFacts.CollectionAttribute(type);
        if (attribute is null)
        {
            return;
        }

        if (!SymbolFacts.IsPartial(type, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, SymbolFacts.TypeLocation(type, attribute, context.CancellationToken), type.Name));
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!SymbolFacts.IsPartial(outer, context.CancellationToken))
            {
                // On the containing type's name, where the fix (add partial) applies.
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ContainingTypeNotPartial, SymbolFacts.TypeLocation(outer, null, context.CancellationToken), type.Name, outer.Name));
            }
        }
    }
}
