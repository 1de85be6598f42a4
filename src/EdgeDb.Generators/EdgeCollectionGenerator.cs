using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDb.Generators;

/// <summary>
/// Emits, for each [EdgeCollection] type, its key type and repository, and for the assembly one
/// <c>services.AddEdgeDb(...)</c> when it references the DI abstractions. Parser (<see cref="CollectionModelReader"/>),
/// equatable models, emitters: only models travel between steps, so unrelated edits leave the steps cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EdgeCollectionGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var collections = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CollectionModelReader.CollectionAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => ctx.TargetSymbol is INamedTypeSymbol type ? CollectionModelReader.Read(type, ct) : null)
            .WithTrackingName(TrackingNames.Collections);

        var servable = collections
            .Where(static model => model is { CanGenerate: true })
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Servable);

        context.RegisterSourceOutput(servable, static (spc, model) =>
            spc.AddSource(model.HintName, CollectionEmitter.Emit(model)));

        var registrations = servable
            .Select(static (model, _) => new RepositoryRegistration(model.RepositoryFullName))
            .WithTrackingName(TrackingNames.Registrations);

        var allRegistrations = registrations
            .Collect()
            .Select(static (items, _) => new EquatableArray<RepositoryRegistration>(items))
            .WithTrackingName(TrackingNames.AllRegistrations);

        var target = context.CompilationProvider
            .Select(static (compilation, _) => new RegistrationTarget(
                compilation.AssemblyName ?? "Assembly",
                compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection") is not null))
            .WithTrackingName(TrackingNames.RegistrationTarget);

        var registrationSource = allRegistrations.Combine(target).WithTrackingName(TrackingNames.RegistrationSource);
        context.RegisterSourceOutput(registrationSource, static (spc, input) =>
        {
            var (items, registrationTarget) = input;
            if (registrationTarget.ReferencesDependencyInjection && !items.IsEmpty)
            {
                spc.AddSource("EdgeDbServiceCollectionExtensions.g.cs", RegistrationEmitter.Emit(registrationTarget, items));
            }
        });
    }
}
