using System.Globalization;
using System.Linq;
using System.Text;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// The repository's schema (docs/key-encoding.md, "Schemas"): the canonical lines of its key parts and indexes, applied
/// to the store in the constructor, and the writer that builds one index entry from a stored entity.
/// </summary>
internal static class SchemaEmitter
{
    public static void EmitField(SourceWriter source, EmitContext c)
    {
        var keys = string.Join(", ", c.Model.Keys.Select(k => CodeSnippets.Literal(Line(k, isKey: true))));
        var indexes = string.Join(", ", c.Model.Indexes.Select(i =>
            $"new global::EdgeDb.Internal.IndexSchema({CodeSnippets.Literal(i.Name)}, s_{i.Name}IndexPrefix, {CodeSnippets.Literal(Line(i, isKey: false))})"));
        source.Line($"private static readonly global::EdgeDb.Internal.CollectionSchema s_schema = new({CodeSnippets.Literal(c.Model.CollectionName)}, {c.Key}.Prefix.ToArray(), new string[] {{ {keys} }}, new global::EdgeDb.Internal.IndexSchema[] {{ {indexes} }});");
    }

    public static void EmitApply(SourceWriter source) =>
        source.Line("global::EdgeDb.Internal.EdgeSchemas.Apply(store, s_schema, WriteIndexEntry);");

    public static void EmitIndexEntryWriter(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Writes the entry of the stored entity (<paramref name=\"key\"/>, <paramref name=\"value\"/>) for the index on <paramref name=\"member\"/> into <paramref name=\"batch\"/>: how a new index is built.</summary>");
        source.Open("private static void WriteIndexEntry(string member, global::System.ReadOnlySpan<byte> key, global::System.ReadOnlySpan<byte> value, global::EdgeDb.WriteBatch batch)");
        if (!c.HasIndexes)
        {
            source.Line("// The collection has no index to build.");
            source.Close();
            return;
        }

        source.Line("var entity = Deserialize(value);");
        source.Line($"var parts = key.Slice({c.Key}.Prefix.Length);");
        var length = c.MaxIndexKeyLength.ToString(CultureInfo.InvariantCulture);
        source.Line(CodeSnippets.Buffer("entry", length, c.MaxIndexKeyLength));
        foreach (var index in c.Model.Indexes)
        {
            var entryParts = index.IsUnique ? "default" : "parts";
            source.Open($"if (member == {CodeSnippets.Literal(index.Name)})");

            // A null stored in a member declared non-nullable (stored before the declaration changed) gets no entry instead of failing the build.
            source.Line(index.RejectsNull
                ? $"var written = entity.{index.Name} is null ? 0 : Write{index.Name}IndexKey(entry, entity.{index.Name}, {entryParts});"
                : $"var written = Write{index.Name}IndexKey(entry, entity.{index.Name}, {entryParts});");
            source.Open("if (written > 0)");
            if (c.Model.TimeToLive is null)
            {
                source.Line($"batch.Put(entry.Slice(0, written), {(index.IsUnique ? "parts" : "default")});");
            }
            else
            {
                // The entry expires with its entity.
                source.Open("if (ExpiresAt(entity) is { } at)");
                source.Line($"batch.Put(entry.Slice(0, written), {(index.IsUnique ? "parts" : "default")}, at);");
                source.Close();
                source.Open("else");
                source.Line($"batch.Put(entry.Slice(0, written), {(index.IsUnique ? "parts" : "default")});");
                source.Close();
            }
            source.Close();
            source.Line();
            source.Line("return;");
            source.Close();
            source.Line();
        }

        source.Close();
    }

    /// <summary>A member's canonical line: <c>Name:Kind</c>, <c>?</c>, <c>:enum=Type</c>, <c>:max=N</c>, <c>:desc</c>, <c>:unique</c>.</summary>
    private static string Line(KeyMemberModel member, bool isKey)
    {
        var line = new StringBuilder(member.Name).Append(':').Append(member.Kind.ToString());
        if (member.IsNullable)
        {
            line.Append('?');
        }

        if (member.EnumTypeName is { } enumType)
        {
            line.Append(":enum=").Append(enumType.StartsWith("global::", System.StringComparison.Ordinal) ? enumType.Substring(8) : enumType);
        }

        if (member.MaxLength > 0)
        {
            line.Append(":max=").Append(member.MaxLength.ToString(CultureInfo.InvariantCulture));
        }

        if (isKey && member.Descending)
        {
            line.Append(":desc");
        }

        if (!isKey && member.IsUnique)
        {
            line.Append(":unique");
        }

        return line.ToString();
    }
}
