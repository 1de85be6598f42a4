using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB022: <c>[MaxLength(n)]</c> bounds a key part or index as well as <c>MaxLength = n</c> on the EdgeDb attribute
/// does, but DataAnnotations' constructor is marked RequiresUnreferencedCode, so a project published with Native AOT or
/// trimming gets IL2026 at publish time, far from the member. Reported at the attribute, only in such projects (their
/// PublishAot, IsAotCompatible, IsTrimmable or PublishTrimmed property, which the EdgeDb package makes visible).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrimUnsafeMaxLengthAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] TrimProperties = ["PublishAot", "IsAotCompatible", "IsTrimmable", "PublishTrimmed"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TrimUnsafeMaxLength);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var options = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var trimmed = TrimProperties.Any(p => options.TryGetValue("build_property." + p, out var value) && string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));
            if (trimmed)
            {
                start.RegisterSymbolAction(Analyze, SymbolKind.Property);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var property = (IPropertySymbol)context.Symbol;
        var edgeAttribute = SymbolFacts.KeyAttribute(property) ?? SymbolFacts.IndexAttribute(property);
        if (edgeAttribute is null)
        {
            return;
        }

        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "MaxLengthAttribute" } type
                && type.ContainingNamespace.ToDisplayString() == "System.ComponentModel.DataAnnotations"
                && attribute.ApplicationSyntaxReference is { } syntax)
            {
                var length = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value?.ToString() ?? "n" : "n";
                var edgeName = edgeAttribute.AttributeClass?.Name.Replace("Attribute", string.Empty) ?? "EdgeKey";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TrimUnsafeMaxLength,
                    Location.Create(syntax.SyntaxTree, syntax.Span),
                    property.Name,
                    length,
                    edgeName));
            }
        }
    }
}
