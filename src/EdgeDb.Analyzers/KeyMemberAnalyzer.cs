using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// Per [EdgeKey]/[EdgeIndex] property, what the generator can serve but will go wrong at run time: a key part that
/// can be reassigned (EDB007), a member MemoryPack does not store (EDB017), a DateTime whose Kind splits keys (EDB018).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyMemberAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MutableKey, DiagnosticDescriptors.MemberNotSerialized, DiagnosticDescriptors.DateTimeKey);

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
        var isKey = SymbolFacts.KeyAttribute(property) is not null;
        if (!isKey && SymbolFacts.IndexAttribute(property) is null)
        {
            return;
        }

        // Members that cannot be read at all are EDB015's, reported with the collection.
        if (property.IsStatic || property.IsIndexer || property.GetMethod is not { } getter
            || getter.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            return;
        }

        var location = property.Locations[0];

        // An init accessor can only run while the object is built, so only a plain setter lets a stored key change.
        if (isKey && property.SetMethod is { IsInitOnly: false })
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MutableKey, location, property.Name));
        }

        // MemoryPack serializes public members and those marked [MemoryPackInclude], less those marked [MemoryPackIgnore].
        string? reason = null;
        if (SymbolFacts.HasAttribute(property, "MemoryPack", "MemoryPackIgnoreAttribute"))
        {
            reason = "it is marked [MemoryPackIgnore]";
        }
        else if ((property.DeclaredAccessibility != Accessibility.Public || getter.DeclaredAccessibility != Accessibility.Public)
            && !SymbolFacts.HasAttribute(property, "MemoryPack", "MemoryPackIncludeAttribute"))
        {
            reason = "it is not public";
        }

        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MemberNotSerialized, location, property.Name, reason));
        }

        var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : property.Type;
        if (type.SpecialType == SpecialType.System_DateTime)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DateTimeKey, location, property.Name));
        }
    }
}
