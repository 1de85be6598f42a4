using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// Emits every read of a collection (get, try-get, contains, scans, range, all, index finders, unique lookups) and the
/// helpers they need, into the repository (reading the store) and into the view (reading a snapshot or a transaction).
/// </summary>
internal static class ReadEmitter
{
    private const string Serializer = "global::MemoryPack.MemoryPackSerializer";
    private const string Enumerable = "global::System.Collections.Generic.IEnumerable";
    private const string MaybeNullWhenFalse = "[global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)]";

    /// <summary>The static fields both classes use: the collection's end and the index prefixes.</summary>
    public static void EmitStaticFields(SourceWriter source, EmitContext c)
    {
        source.Line($"private static readonly byte[] s_collectionEnd = global::EdgeDb.KeyBounds.PrefixSuccessor({c.Key}.Prefix)!;");
        foreach (var index in c.Model.Indexes)
        {
            source.Line($"private static readonly byte[] s_{index.Name}IndexPrefix = {CodeSnippets.ByteArray(KeyspacePrefix.ForIndex(c.Model.CollectionName, index.Name))};");
        }
    }

    public static void EmitAll(SourceWriter source, EmitContext c)
    {
        EmitPointReads(source, c);
        EmitScans(source, c);
        foreach (var index in c.Model.Indexes)
        {
            EmitFinder(source, c, index);
        }

        EmitHelpers(source, c);
    }

    private static void EmitPointReads(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Reads the entity stored under <paramref name=\"key\"/>.</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <param name=\"entity\">The entity, when there is one.</param>");
        source.Line("/// <returns>True when an entity is stored under the key.</returns>");
        source.Open($"public bool TryGet({c.Key} key, {MaybeNullWhenFalse} out {c.Entity} entity)");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line("return TryRead(keyBytes.Slice(0, key.Encode(keyBytes)), out entity);");
        source.Close();
        source.Line();
        source.Line("/// <summary>Reads the entity stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <param name=\"entity\">The entity, when there is one.</param>");
        source.Line("/// <returns>True when an entity is stored under the key.</returns>");
        source.Line($"public bool TryGet({c.PartParameters}, {MaybeNullWhenFalse} out {c.Entity} entity) => TryGet(new {c.Key}({c.PartArguments}), out entity);");
        source.Line();
        source.Line("/// <summary>Reads the entity stored under <paramref name=\"key\"/>.</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <returns>The entity.</returns>");
        source.Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">No entity is stored under the key.</exception>");
        source.Line($"public {c.Entity} Get({c.Key} key) => TryGet(key, out var entity) ? entity : throw new global::System.Collections.Generic.KeyNotFoundException($\"No {c.Model.TypeName} is stored under {{key}}.\");");
        source.Line();
        source.Line("/// <summary>Reads the entity stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>The entity.</returns>");
        source.Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">No entity is stored under the key.</exception>");
        source.Line($"public {c.Entity} Get({c.PartParameters}) => Get(new {c.Key}({c.PartArguments}));");
        source.Line();
        source.Line("/// <summary>True when an entity is stored under <paramref name=\"key\"/>.</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <returns>Whether the key is present.</returns>");
        source.Open($"public bool Contains({c.Key} key)");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"return {c.Reads}.ContainsKey(keyBytes.Slice(0, key.Encode(keyBytes)));");
        source.Close();
        source.Line();
        source.Line("/// <summary>True when an entity is stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>Whether the key is present.</returns>");
        source.Line($"public bool Contains({c.PartParameters}) => Contains(new {c.Key}({c.PartArguments}));");
        source.Line();
    }

    private static void EmitScans(SourceWriter source, EmitContext c)
    {
        var keys = c.Model.Keys;
        for (var count = 1; count < keys.Count; count++)
        {
            var prefixParts = keys.Take(count).ToArray();
            var maxLength = KeyspacePrefix.Length + prefixParts.Sum(p => p.MaxEncodedLength);
            source.Line("/// <summary>The entities whose key starts with the given parts, in key order.</summary>");
            EmitPartParams(source, prefixParts);
            source.Line($"/// <returns>The entities, read lazily {c.ReadMoment}.</returns>");
            source.Open($"public {Enumerable}<{c.Entity}> ScanBy{string.Join("And", prefixParts.Select(p => p.Name))}({string.Join(", ", prefixParts.Select(EmitContext.Parameter))})");
            source.Line(CodeSnippets.Buffer("prefix", maxLength.ToString(CultureInfo.InvariantCulture), maxLength));
            source.Line($"var writer = new {CodeSnippets.Writer}(prefix);");
            source.Line($"writer.WriteRaw({c.Key}.Prefix);");
            foreach (var part in prefixParts)
            {
                CodeSnippets.Write(source, part, "writer", part.ParameterName, CodeSnippets.KeyPartOwner(c.Model.CollectionName, part));
            }

            source.Line($"return Materialize({c.Reads}.ScanPrefix(writer.Written));");
            source.Close();
            source.Line();
        }

        source.Line("/// <summary>The entities with <paramref name=\"fromInclusive\"/> &lt;= key &lt; <paramref name=\"toExclusive\"/>, in key order; a null bound is open.</summary>");
        source.Line("/// <param name=\"fromInclusive\">The smallest key to yield, or null for the first.</param>");
        source.Line("/// <param name=\"toExclusive\">The key to stop before, or null to go to the end.</param>");
        source.Line($"/// <returns>The entities, read lazily {c.ReadMoment}.</returns>");
        source.Open($"public {Enumerable}<{c.Entity}> Range({c.Key}? fromInclusive, {c.Key}? toExclusive)");
        source.Line(CodeSnippets.Buffer("start", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line(CodeSnippets.Buffer("end", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"var startLength = fromInclusive.HasValue ? fromInclusive.GetValueOrDefault().Encode(start) : Copy({c.Key}.Prefix, start);");
        source.Line("var endLength = toExclusive.HasValue ? toExclusive.GetValueOrDefault().Encode(end) : Copy(s_collectionEnd, end);");
        source.Line($"return Materialize({c.Reads}.Scan(start.Slice(0, startLength), end.Slice(0, endLength)));");
        source.Close();
        source.Line();
        source.Line("/// <summary>Every entity of the collection, in key order.</summary>");
        source.Line($"/// <returns>The entities, read lazily {c.ReadMoment}.</returns>");
        source.Line($"public {Enumerable}<{c.Entity}> All() => Materialize({c.Reads}.ScanPrefix({c.Key}.Prefix));");
        source.Line();
    }

    private static void EmitFinder(SourceWriter source, EmitContext c, KeyMemberModel index)
    {
        var valueMax = KeyspacePrefix.Length + index.MaxEncodedLength;
        var parameter = index.ParameterName.TrimStart('@');
        if (index.IsUnique)
        {
            source.Line($"/// <summary>Reads the entity whose <see cref=\"{c.Entity}.{index.Name}\"/> equals <paramref name=\"{parameter}\"/> (a unique index: there is at most one).</summary>");
            source.Line($"/// <param name=\"{parameter}\">The value to look for.</param>");
            source.Line("/// <param name=\"entity\">The entity, when there is one.</param>");
            source.Line("/// <returns>True when an entity has the value.</returns>");
            source.Open($"public bool TryGetBy{index.Name}({EmitContext.Parameter(index)}, {MaybeNullWhenFalse} out {c.Entity} entity)");
            EmitValueNullCheck(source, index);
            source.Line(CodeSnippets.Buffer("indexKey", valueMax.ToString(CultureInfo.InvariantCulture), valueMax));
            source.Line($"var length = Write{index.Name}IndexKey(indexKey, {index.ParameterName}, default);");
            source.Open($"if ({c.Reads}.TryGet(indexKey.Slice(0, length), out var parts) && TryReadByParts(parts, out entity))");
            source.Line("return true;");
            source.Close();
            source.Line();
            source.Line("entity = default;");
            source.Line("return false;");
            source.Close();
            source.Line();
            source.Line($"/// <summary>Reads the entity whose <see cref=\"{c.Entity}.{index.Name}\"/> equals <paramref name=\"{parameter}\"/>.</summary>");
            source.Line($"/// <param name=\"{parameter}\">The value to look for.</param>");
            source.Line("/// <returns>The entity.</returns>");
            source.Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">No entity has the value.</exception>");
            source.Line($"public {c.Entity} GetBy{index.Name}({EmitContext.Parameter(index)}) => TryGetBy{index.Name}({index.ParameterName}, out var entity) ? entity : throw new global::System.Collections.Generic.KeyNotFoundException($\"No {c.Model.TypeName} has {index.Name} {{{index.ParameterName}}}.\");");
            source.Line();
            source.Line($"/// <summary>The entity whose <see cref=\"{c.Entity}.{index.Name}\"/> equals <paramref name=\"{parameter}\"/>, if any (a unique index).</summary>");
            source.Line($"/// <param name=\"{parameter}\">The value to look for.</param>");
            source.Line("/// <returns>None or one entity.</returns>");
            source.Line($"public {Enumerable}<{c.Entity}> FindBy{index.Name}({EmitContext.Parameter(index)}) => TryGetBy{index.Name}({index.ParameterName}, out var entity) ? new[] {{ entity }} : global::System.Array.Empty<{c.Entity}>();");
            source.Line();
        }
        else
        {
            source.Line($"/// <summary>The entities whose <see cref=\"{c.Entity}.{index.Name}\"/> equals <paramref name=\"{parameter}\"/>, in key order (through the index).</summary>");
            source.Line($"/// <param name=\"{parameter}\">The value to look for.</param>");
            source.Line($"/// <returns>The entities, read lazily {c.ReadMoment}.</returns>");
            source.Open($"public {Enumerable}<{c.Entity}> FindBy{index.Name}({EmitContext.Parameter(index)})");
            EmitValueNullCheck(source, index);
            source.Line(CodeSnippets.Buffer("prefix", valueMax.ToString(CultureInfo.InvariantCulture), valueMax));
            source.Line($"var length = Write{index.Name}IndexKey(prefix, {index.ParameterName}, default);");
            source.Line("var indexPrefix = prefix.Slice(0, length).ToArray();");
            source.Line($"return Resolve{index.Name}({c.Reads}.ScanPrefix(indexPrefix), indexPrefix);");
            source.Close();
            source.Line();
            source.Line($"private {Enumerable}<{c.Entity}> Resolve{index.Name}({Enumerable}<global::EdgeDb.EdgeEntry> scan, byte[] indexPrefix)");
            source.Line("{");
            source.Line("    foreach (var entry in scan)");
            source.Line("    {");
            source.Line("        // Read after the index entry: read from the store, the entity may have moved since, so only a current match is yielded.");
            source.Line($"        if (TryReadByParts(entry.Key.Span.Slice(indexPrefix.Length), out var entity) && {index.Name}IndexMatches(entity, indexPrefix))");
            source.Line("        {");
            source.Line("            yield return entity;");
            source.Line("        }");
            source.Line("    }");
            source.Line("}");
            source.Line();
            source.Open($"private static bool {index.Name}IndexMatches({c.Entity} entity, byte[] indexPrefix)");
            source.Line(CodeSnippets.Buffer("prefix", valueMax.ToString(CultureInfo.InvariantCulture), valueMax));
            source.Line($"return Write{index.Name}IndexKey(prefix, entity.{index.Name}, default) == indexPrefix.Length && global::System.MemoryExtensions.SequenceEqual(prefix.Slice(0, indexPrefix.Length), indexPrefix);");
            source.Close();
            source.Line();
        }

        EmitIndexKeyWriter(source, c, index);
    }

    /// <summary>The index's entry key: prefix, value and (for a non-unique index) the entity's key parts; 0 for a null value.</summary>
    public static void EmitIndexKeyWriter(SourceWriter source, EmitContext c, KeyMemberModel index)
    {
        source.Open($"internal static int Write{index.Name}IndexKey(global::System.Span<byte> destination, {CollectionEmitter.ParameterType(index)}{(index.IsReferenceType ? "?" : string.Empty)} value, global::System.ReadOnlySpan<byte> parts)");
        if (index.IsReferenceType)
        {
            source.Open("if (value is null)");
            source.Line("return 0; // a null string or byte array is not indexed");
            source.Close();
            source.Line();
        }

        source.Line($"var writer = new {CodeSnippets.Writer}(destination);");
        source.Line($"writer.WriteRaw(s_{index.Name}IndexPrefix);");
        CodeSnippets.Write(source, index, "writer", "value", CodeSnippets.IndexOwner(c.Model.CollectionName, index));
        source.Line("writer.WriteRaw(parts);");
        source.Line("return writer.Position;");
        source.Close();
        source.Line();
    }

    private static void EmitValueNullCheck(SourceWriter source, KeyMemberModel index)
    {
        if (index.IsReferenceType)
        {
            source.Line($"global::System.ArgumentNullException.ThrowIfNull({index.ParameterName});");
        }
    }

    private static void EmitHelpers(SourceWriter source, EmitContext c)
    {
        if (c.HasIndexes)
        {
            source.Line("/// <summary>Reads the entity whose key parts (the collection's key without its prefix) an index entry holds.</summary>");
            source.Open($"internal bool TryReadByParts(global::System.ReadOnlySpan<byte> parts, {MaybeNullWhenFalse} out {c.Entity} entity)");
            source.Open($"if (parts.Length > {c.Key}.MaxEncodedLength - {c.Key}.Prefix.Length)");
            source.Line($"throw new global::EdgeDb.EdgeCorruptionException({CodeSnippets.Literal($"An index entry of the collection '{c.Model.CollectionName}' is longer than any key of the collection.")});");
            source.Close();
            source.Line();
            source.Line(CodeSnippets.Buffer("primaryKey", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
            source.Line($"{c.Key}.Prefix.CopyTo(primaryKey);");
            source.Line($"parts.CopyTo(primaryKey.Slice({c.Key}.Prefix.Length));");
            source.Line($"return TryRead(primaryKey.Slice(0, {c.Key}.Prefix.Length + parts.Length), out entity);");
            source.Close();
            source.Line();
        }

        if (c.InView && c.Model.Indexes.Any(i => i.IsUnique))
        {
            source.Line("/// <summary>The raw value stored under <paramref name=\"key\"/> (a unique index entry's key parts).</summary>");
            source.Line($"internal bool TryReadRaw(global::System.ReadOnlySpan<byte> key, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? value) => {c.Reads}.TryGet(key, out value);");
            source.Line();
        }

        source.Open($"internal bool TryRead(global::System.ReadOnlySpan<byte> key, {MaybeNullWhenFalse} out {c.Entity} entity)");
        source.Open($"if ({c.Reads}.TryGet(key, out var bytes))");
        source.Line("entity = Deserialize(bytes);");
        source.Line("return true;");
        source.Close();
        source.Line();
        source.Line("entity = default;");
        source.Line("return false;");
        source.Close();
        source.Line();
        source.Line($"private static {Enumerable}<{c.Entity}> Materialize({Enumerable}<global::EdgeDb.EdgeEntry> scan)");
        source.Line("{");
        source.Line("    foreach (var entry in scan)");
        source.Line("    {");
        source.Line("        yield return Deserialize(entry.Value.Span);");
        source.Line("    }");
        source.Line("}");
        source.Line();
        var nullCheck = c.Model.IsValueType
            ? string.Empty
            : $" ?? throw new global::EdgeDb.EdgeCorruptionException({CodeSnippets.Literal($"A value of the collection '{c.Model.CollectionName}' deserialized to null.")})";
        source.Line($"private static {c.Entity} Deserialize(global::System.ReadOnlySpan<byte> bytes) => {Serializer}.Deserialize<{c.Entity}>(bytes){nullCheck};");
        source.Line();
        source.Open("private static int Copy(global::System.ReadOnlySpan<byte> bytes, global::System.Span<byte> destination)");
        source.Line("bytes.CopyTo(destination);");
        source.Line("return bytes.Length;");
        source.Close();
    }

    public static void EmitPartParams(SourceWriter source, IEnumerable<KeyMemberModel> parts)
    {
        foreach (var part in parts)
        {
            source.Line($"/// <param name=\"{part.ParameterName.TrimStart('@')}\">The key part <c>{part.Name}</c>.</param>");
        }
    }
}
