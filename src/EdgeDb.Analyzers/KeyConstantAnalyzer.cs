using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace EdgeDb.Analyzers;

/// <summary>
/// EDB011: a constant string (or an array of known length) passed as a key part or indexed value to a generated
/// repository method or key constructor, longer than the part's MaxLength: the call can only throw.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeyConstantAnalyzer : DiagnosticAnalyzer
{
    private const string GeneratorName = "EdgeDb.Generators";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ConstantTooLong);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Per generated type, its collection's bounded members by parameter name (null for other types).
            var cache = new ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, KeyMemberModel>?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                c =>
                {
                    var (method, arguments) = c.Operation switch
                    {
                        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                        IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
                    };
                    if (method?.ContainingType is not { } type || arguments.IsEmpty)
                    {
                        return;
                    }

                    var members = cache.GetOrAdd(type, t => BoundedMembers(t, c.CancellationToken));
                    if (members is not null)
                    {
                        Analyze(c, arguments, members);
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, ImmutableArray<IArgumentOperation> arguments, Dictionary<string, KeyMemberModel> members)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter || !members.TryGetValue(parameter.Name, out var member))
            {
                continue;
            }

            var length = KnownLength(argument.Value, member.Kind);
            if (length > member.MaxLength)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ConstantTooLong,
                    argument.Syntax.GetLocation(),
                    parameter.Name,
                    length,
                    member.Kind == KeyKind.String ? "characters" : "bytes",
                    member.MaxLength,
                    member.Name));
            }
        }
    }

    /// <summary>The length of a value known at compile time: a constant string, or a new array of constant size or with an initializer. -1 otherwise.</summary>
    private static int KnownLength(IOperation value, KeyKind kind)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        if (kind == KeyKind.String)
        {
            return value.ConstantValue is { HasValue: true, Value: string text } ? text.Length : -1;
        }

        if (value is IArrayCreationOperation { DimensionSizes.Length: 1 } array)
        {
            if (array.Initializer is { } initializer)
            {
                return initializer.ElementValues.Length;
            }

            return array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: int size } ? size : -1;
        }

        return -1;
    }

    /// <summary>
    /// For a type the EdgeDb generator emitted ({T}Key or {T}Repository), the string and byte-array members of its
    /// collection by the parameter names the generated code uses (camelCase on the repository, the property name on the
    /// key's constructor). The collection is found through the entity parameter of Put (repository) or Of (key).
    /// </summary>
    private static Dictionary<string, KeyMemberModel>? BoundedMembers(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        var generatedCode = SymbolFacts.Attribute(type, "System.CodeDom.Compiler", "GeneratedCodeAttribute");
        if (generatedCode is null || generatedCode.ConstructorArguments.Length == 0 || generatedCode.ConstructorArguments[0].Value as string != GeneratorName)
        {
            return null;
        }

        var entityType = type.GetMembers("Put").Concat(type.GetMembers("Of"))
            .OfType<IMethodSymbol>()
            .Where(m => m.Parameters.Length == 1)
            .Select(m => m.Parameters[0].Type)
            .OfType<INamedTypeSymbol>()
            .FirstOrDefault(t => SymbolFacts.CollectionAttribute(t) is not null);
        if (entityType is null || CollectionModelReader.Read(entityType, cancellationToken) is not { } model)
        {
            return null;
        }

        var members = new Dictionary<string, KeyMemberModel>();
        foreach (var member in model.Keys.Concat(model.Indexes).Where(m => m.MaxLength > 0))
        {
            members[member.ParameterName.TrimStart('@')] = member;
            members[member.Name] = member;
        }

        return members;
    }
}
