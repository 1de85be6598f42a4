using System.Collections.Immutable;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers;

/// <summary>
/// Reports what keeps the generator from serving a collection: the model reader's problems (read by the same code
/// the generator runs, so the two never disagree), and EDB006, the largest key against the project's key size limit.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CollectionModelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingKey,
        DiagnosticDescriptors.UnsupportedKeyType,
        DiagnosticDescriptors.KeyOrder,
        DiagnosticDescriptors.MissingMaxLength,
        DiagnosticDescriptors.KeyTooLong,
        DiagnosticDescriptors.NotMemoryPackable,
        DiagnosticDescriptors.UnsupportedIndexType,
        DiagnosticDescriptors.GenericCollection,
        DiagnosticDescriptors.InaccessibleCollection,
        DiagnosticDescriptors.UnreadableMember,
        DiagnosticDescriptors.InvalidCollectionName,
        DiagnosticDescriptors.InvalidTimeToLive);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var limit = KeySizeLimit.Read(start.Options);
            start.RegisterSymbolAction(c => Analyze(c, limit), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, int keySizeLimit)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = SymbolFacts.CollectionAttribute(type);
        if (attribute is null || CollectionModelReader.Read(type, context.CancellationToken) is not { } model)
        {
            return;
        }

        var typeLocation = SymbolFacts.TypeLocation(type, attribute, context.CancellationToken);
        foreach (var problem in model.Problems)
        {
            // The reader's KeyTooLong is the store's hard limit; the project's own limit (never above it) is checked below.
            // Partial-ness is reported by PartialTypeAnalyzer, at the containing type where its fix applies.
            if (problem.Id is ProblemIds.KeyTooLong or ProblemIds.NotPartial or ProblemIds.ContainingTypeNotPartial)
            {
                continue;
            }

            var location = problem.Id == ProblemIds.InvalidCollectionName
                ? SymbolFacts.CollectionNameLocation(attribute, typeLocation, context.CancellationToken)
                : problem.MemberName.Length > 0 ? SymbolFacts.MemberLocation(type, problem.MemberName, typeLocation) : typeLocation;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForProblem(problem.Id), location, Arguments(problem)));
        }

        if (model.LargestKeyLength > keySizeLimit)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyTooLong, typeLocation, type.Name, model.LargestKeyLength, keySizeLimit));
        }
    }

    private static object[] Arguments(ModelProblem problem)
    {
        var arguments = new object[problem.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = problem.Arguments[i];
        }

        return arguments;
    }
}
