using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// Emits <c>{Type}View</c>: every read of the repository, answered at a snapshot or inside a transaction (its snapshot
/// merged with its staged writes; its reads are validated when it commits). Made by the repository's <c>At(...)</c>.
/// </summary>
internal static class ViewEmitter
{
    public static void Emit(SourceWriter source, CollectionModel model)
    {
        var c = new EmitContext(model, inView: true);
        source.Line($"/// <summary>The collection {KeyTypeEmitter.Escape(CodeSnippets.Literal(model.CollectionName))} as a snapshot or a transaction sees it (<see cref=\"{model.RepositoryTypeName}.At(global::EdgeDb.EdgeSnapshot)\"/>, <see cref=\"{model.RepositoryTypeName}.At(global::EdgeDb.EdgeTransaction)\"/>): every read of the repository. Use it while its snapshot or transaction lives.</summary>");
        source.Line(CollectionEmitter.GeneratedCodeAttribute);
        source.Open($"{model.Accessibility} sealed partial class {c.Name}");
        ReadEmitter.EmitStaticFields(source, c);
        source.Line($"private readonly {EmitContext.ReadSourceType} _source;");
        source.Line();
        source.Line($"internal {c.Name}({EmitContext.ReadSourceType} source) => _source = source;");
        source.Line();
        ReadEmitter.EmitAll(source, c);
        source.Close();
    }
}
