using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// What the repository and view emitters share about one collection: its generated names, and where the class being
/// emitted reads from (the repository's store, or the view's <c>ReadSource</c>), so one emitter writes the reads of both.
/// </summary>
internal sealed class EmitContext
{
    public const string ReadSourceType = "global::EdgeDb.Internal.ReadSource";

    public EmitContext(CollectionModel model, bool inView)
    {
        Model = model;
        InView = inView;
        Name = inView ? ViewName(model) : model.RepositoryTypeName;
        Key = model.KeyTypeName;
        Entity = model.FullTypeName;
        HasIndexes = !model.Indexes.IsEmpty;
        PartParameters = string.Join(", ", model.Keys.Select(Parameter));
        PartArguments = string.Join(", ", model.Keys.Select(k => k.ParameterName));
        MaxIndexKeyLength = model.Indexes.Select(i => model.MaxEncodedLength + i.MaxEncodedLength).DefaultIfEmpty(0).Max();
    }

    public CollectionModel Model { get; }

    /// <summary>True for the view, whose reads go to a snapshot or a transaction.</summary>
    public bool InView { get; }

    /// <summary>The class being emitted.</summary>
    public string Name { get; }

    public string Key { get; }

    public string Entity { get; }

    public bool HasIndexes { get; }

    public string PartParameters { get; }

    public string PartArguments { get; }

    public int MaxIndexKeyLength { get; }

    /// <summary>The field reads go through: the repository's store (as of each read) or the view's read source.</summary>
    public string Reads => InView ? "_source" : "_store";

    /// <summary>How read docs say when the data is read.</summary>
    public string ReadMoment => InView ? "at the view's snapshot" : "from a snapshot taken now";

    public static string ViewName(CollectionModel model) => model.TypeName + "View";

    public static string Parameter(KeyMemberModel member) => $"{CollectionEmitter.ParameterType(member)} {member.ParameterName}";
}
