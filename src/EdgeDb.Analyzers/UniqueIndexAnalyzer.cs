using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// <c>[EdgeIndex(Unique = true)]</c> on a member whose values cannot tell entities apart: a nullable member, where
/// null is one value that only one entity may hold (EDB023), and a bool, which allows two entities (EDB024).
/// A type that cannot be indexed at all is EDB010's, reported with the collection.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UniqueIndexAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UniqueNullable, DiagnosticDescriptors.UniqueBoolean);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.Property);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (SymbolFacts.IndexAttribute(property) is not { } index
            || !index.NamedArguments.Any(n => n.Key == "Unique" && n.Value.Value is true))
        {
            return;
        }

        var location = index.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? property.Locations[0];
        var valueType = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : null;

        // Only a declared '?' is reported: in an oblivious context the generator cannot tell, and neither can we.
        var isNullable = valueType is not null || (property.Type.IsReferenceType && property.NullableAnnotation == NullableAnnotation.Annotated);
        if ((valueType ?? property.Type).SpecialType == SpecialType.System_Boolean)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UniqueBoolean, location, property.Name, isNullable ? ", one null" : ""));
        }
        else if (isNullable)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UniqueNullable, location, property.Name));
        }
    }
}
