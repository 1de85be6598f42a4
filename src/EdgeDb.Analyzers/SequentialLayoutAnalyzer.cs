using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB020 (info): a collection's values outlive the build that wrote them, and MemoryPack's default layout reads a
/// value back by member position, so a stored type on it may only ever gain members at the end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SequentialLayoutAnalyzer : DiagnosticAnalyzer
{
    // MemoryPack's enums, by value: GenerateType.Object = 0 (the default), SerializeLayout.Explicit = 1.
    private const int GenerateTypeObject = 0;
    private const int SerializeLayoutExplicit = 1;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.SequentialLayout);

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
        var collection = SymbolFacts.CollectionAttribute(type);
        var packable = SymbolFacts.Attribute(type, "MemoryPack", "MemoryPackableAttribute");
        if (collection is null || packable is null || !IsSequential(packable))
        {
            return;
        }

        var location = packable.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation()
            ?? SymbolFacts.TypeLocation(type, collection, context.CancellationToken);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SequentialLayout, location, type.Name));
    }

    /// <summary>True for [MemoryPackable], [MemoryPackable(GenerateType.Object)] and [MemoryPackable(SerializeLayout.Sequential)].</summary>
    private static bool IsSequential(AttributeData packable)
    {
        foreach (var argument in packable.ConstructorArguments)
        {
            if (argument.Value is not int value)
            {
                continue;
            }

            switch (argument.Type?.Name)
            {
                case "GenerateType" when value != GenerateTypeObject:
                case "SerializeLayout" when value == SerializeLayoutExplicit:
                    return false;
            }
        }

        return true;
    }
}
