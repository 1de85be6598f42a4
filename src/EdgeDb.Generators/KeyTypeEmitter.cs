using System.Globalization;
using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// Emits <c>{Type}Key</c>: a record struct of the key parts with its order-preserving encoding (prefix
/// included), its decoding, and its maximum encoded length.
/// </summary>
internal static class KeyTypeEmitter
{
    public static void Emit(SourceWriter source, CollectionModel model)
    {
        var name = model.KeyTypeName;
        var parts = string.Join(", ", model.Keys.Select(k => $"{CollectionEmitter.ParameterType(k)} {k.Name}"));
        var partNames = string.Join(", ", model.Keys.Select(k => k.Name));
        source.Line($"/// <summary>The key of <see cref=\"{model.FullTypeName}\"/> in the collection {Escape(CodeSnippets.Literal(model.CollectionName))}: ({partNames}), sorted in that order.</summary>");
        source.Line(CollectionEmitter.GeneratedCodeAttribute);
        source.Open($"{model.Accessibility} readonly partial record struct {name}({parts})");

        source.Line("/// <summary>The most bytes an encoded key takes, keyspace prefix included.</summary>");
        source.Line($"public const int MaxEncodedLength = {model.MaxEncodedLength.ToString(CultureInfo.InvariantCulture)};");
        source.Line();
        source.Line("/// <summary>The collection's keyspace prefix (docs/key-encoding.md): every key of the collection starts with it.</summary>");
        source.Line($"public static global::System.ReadOnlySpan<byte> Prefix => {CodeSnippets.ByteArray(KeyspacePrefix.ForCollection(model.CollectionName))};");
        source.Line();
        source.Line("/// <summary>The key of <paramref name=\"entity\"/>.</summary>");
        source.Line("/// <param name=\"entity\">The entity.</param>");
        source.Line("/// <returns>Its key.</returns>");
        source.Line($"public static {name} Of({model.FullTypeName} entity) => new {name}({string.Join(", ", model.Keys.Select(k => "entity." + k.Name))});");
        source.Line();
        source.Line("/// <summary>Writes the key, prefix included, into <paramref name=\"destination\"/>, which must hold <see cref=\"MaxEncodedLength\"/> bytes.</summary>");
        source.Line("/// <param name=\"destination\">Where to write.</param>");
        source.Line("/// <returns>The number of bytes written.</returns>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A string or byte-array part is longer than its [MaxLength].</exception>");
        source.Open("public int Encode(global::System.Span<byte> destination)");
        source.Line($"var writer = new {CodeSnippets.Writer}(destination);");
        source.Line("writer.WriteRaw(Prefix);");
        source.Line("WriteParts(ref writer);");
        source.Line("return writer.Position;");
        source.Close();
        source.Line();
        source.Line("/// <summary>The encoded key, prefix included, as a new array.</summary>");
        source.Line("/// <returns>The key's bytes.</returns>");
        source.Open("public byte[] ToArray()");
        source.Line(CodeSnippets.Buffer("buffer", "MaxEncodedLength", model.MaxEncodedLength));
        source.Line("return buffer.Slice(0, Encode(buffer)).ToArray();");
        source.Close();
        source.Line();
        source.Line("/// <summary>Writes the key parts, without the prefix.</summary>");
        source.Line("/// <param name=\"writer\">The writer.</param>");
        source.Open($"public void WriteParts(ref {CodeSnippets.Writer} writer)");
        foreach (var key in model.Keys)
        {
            CodeSnippets.Write(source, key, "writer", "this." + key.Name, CodeSnippets.KeyPartOwner(model.CollectionName, key));
        }

        source.Close();
        source.Line();
        source.Line("/// <summary>Reads a key written by <see cref=\"Encode\"/>.</summary>");
        source.Line("/// <param name=\"key\">The encoded key, prefix included.</param>");
        source.Line("/// <returns>The key.</returns>");
        source.Line("/// <exception cref=\"global::EdgeDb.EdgeCorruptionException\">The bytes are not a key of this collection.</exception>");
        source.Open($"public static {name} Decode(global::System.ReadOnlySpan<byte> key)");
        source.Open("if (!global::System.MemoryExtensions.StartsWith(key, Prefix))");
        source.Line($"throw new global::EdgeDb.EdgeCorruptionException({CodeSnippets.Literal($"The key does not start with the prefix of the collection '{model.CollectionName}'.")});");
        source.Close();
        source.Line();
        source.Line($"var reader = new {CodeSnippets.Reader}(key);");
        source.Line("reader.Skip(Prefix.Length);");
        source.Line("var result = ReadParts(ref reader);");
        source.Line("reader.EnsureEnd();");
        source.Line("return result;");
        source.Close();
        source.Line();
        source.Line("/// <summary>Reads the key parts written by <see cref=\"WriteParts\"/>.</summary>");
        source.Line("/// <param name=\"reader\">The reader, positioned after the prefix.</param>");
        source.Line("/// <returns>The key.</returns>");
        source.Open($"public static {name} ReadParts(ref {CodeSnippets.Reader} reader)");
        foreach (var key in model.Keys)
        {
            source.Line($"var {CodeSnippets.Local(key)} = {CodeSnippets.Read(key, "reader")};");
        }

        source.Line($"return new {name}({string.Join(", ", model.Keys.Select(CodeSnippets.Local))});");
        source.Close();
        source.Close();
    }

    /// <summary>Makes a string literal safe inside an XML doc comment.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
