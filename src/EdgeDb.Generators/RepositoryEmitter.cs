using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// Emits <c>{Type}Repository</c>: put, put-many (one batch), get, try-get, contains, delete, scans by every
/// proper leading prefix of the key, a key range, all, and <c>FindBy{Member}</c> for each index, whose entries
/// are kept in the entity's own batch.
/// </summary>
internal static class RepositoryEmitter
{
    private const string Store = "global::EdgeDb.EdgeStore";
    private const string Batch = "global::EdgeDb.WriteBatch";
    private const string Serializer = "global::MemoryPack.MemoryPackSerializer";

    public static void Emit(SourceWriter source, CollectionModel model)
    {
        var context = new Context(model);
        source.Line($"/// <summary>Stores <see cref=\"{model.FullTypeName}\"/> entities in the collection {KeyTypeEmitter.Escape(CodeSnippets.Literal(model.CollectionName))} of an <see cref=\"{Store}\"/>, in key order. Thread-safe.</summary>");
        source.Line(CollectionEmitter.GeneratedCodeAttribute);
        source.Open($"{model.Accessibility} sealed partial class {context.Name}");
        EmitFields(source, context);
        EmitConstructor(source, context);
        EmitPut(source, context);
        EmitPutMany(source, context);
        EmitReads(source, context);
        EmitDelete(source, context);
        EmitScans(source, context);
        foreach (var index in model.Indexes)
        {
            EmitIndex(source, context, index);
        }

        EmitHelpers(source, context);
        source.Close();
    }

    private static void EmitFields(SourceWriter source, Context c)
    {
        source.Line($"private static readonly byte[] s_collectionEnd = global::EdgeDb.KeyBounds.PrefixSuccessor({c.Key}.Prefix)!;");
        foreach (var index in c.Model.Indexes)
        {
            source.Line($"private static readonly byte[] s_{index.Name}IndexPrefix = {CodeSnippets.ByteArray(KeyspacePrefix.ForIndex(c.Model.CollectionName, index.Name))};");
        }

        source.Line($"private readonly {Store} _store;");
        source.Line("private readonly object _writeLock;");
        if (c.HasIndexes)
        {
            source.Line($"private readonly {Batch} _batch = new {Batch}();");
            source.Line($"private readonly byte[] _oldIndexKey = new byte[{c.MaxIndexKeyLength.ToString(CultureInfo.InvariantCulture)}];");
            source.Line($"private readonly byte[] _newIndexKey = new byte[{c.MaxIndexKeyLength.ToString(CultureInfo.InvariantCulture)}];");
        }

        source.Line();
    }

    private static void EmitConstructor(SourceWriter source, Context c)
    {
        source.Line($"/// <summary>Serves the collection {KeyTypeEmitter.Escape(CodeSnippets.Literal(c.Model.CollectionName))} of <paramref name=\"store\"/>, recording its keyspaces in the store's catalogue.</summary>");
        source.Line("/// <param name=\"store\">The open store.</param>");
        source.Line("/// <exception cref=\"global::EdgeDb.EdgeKeyspaceConflictException\">Another collection or index of the store has the same keyspace prefix.</exception>");
        source.Open($"public {c.Name}({Store} store)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(store);");
        source.Line("// Registers MemoryPack's generated formatter up front, so that serialization never looks it up by reflection.");
        source.Line($"global::MemoryPack.MemoryPackFormatterProvider.Register<{c.Entity}>();");
        source.Line("_store = store;");
        source.Line($"_writeLock = global::EdgeDb.Internal.EdgeCatalog.Register(store, {c.Key}.Prefix, {CodeSnippets.Literal(c.Model.CollectionName)});");
        foreach (var index in c.Model.Indexes)
        {
            source.Line($"global::EdgeDb.Internal.EdgeCatalog.Register(store, s_{index.Name}IndexPrefix, {CodeSnippets.Literal(KeyspacePrefix.IndexName(c.Model.CollectionName, index.Name))});");
        }

        source.Close();
        source.Line();
        source.Line("/// <summary>The store this repository reads and writes.</summary>");
        source.Line($"public {Store} Store => _store;");
        source.Line();
    }

    private static void EmitPut(SourceWriter source, Context c)
    {
        source.Line("/// <summary>Stores <paramref name=\"entity\"/> under its key, replacing any entity stored there" + (c.HasIndexes ? " and moving its index entries, all in one atomic batch" : string.Empty) + ".</summary>");
        source.Line("/// <param name=\"entity\">The entity.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A string or byte-array key part is longer than its [MaxLength].</exception>");
        source.Open($"public void Put({c.Entity} entity)");
        if (!c.Model.IsValueType)
        {
            source.Line("global::System.ArgumentNullException.ThrowIfNull(entity);");
        }

        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
        source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
        source.Open("try");
        source.Line($"{Serializer}.Serialize(value, entity);");
        if (c.HasIndexes)
        {
            source.Open("lock (_writeLock)");
            source.Line("_batch.Clear();");
            source.Line("var hasPrevious = TryRead(key, out var previous);");
            source.Line("StageIndexes(_batch, key, hasPrevious, previous!, hasCurrent: true, current: entity);");
            source.Line("_batch.Put(key, value.WrittenSpan);");
            source.Line("_store.Write(_batch);");
            source.Close();
        }
        else
        {
            source.Line("_store.Put(key, value.WrittenSpan);");
        }

        source.Close();
        source.Open("finally");
        source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
        source.Close();
        source.Close();
        source.Line();
    }

    private static void EmitPutMany(SourceWriter source, Context c)
    {
        source.Line("/// <summary>");
        source.Line("/// Stores every entity of <paramref name=\"entities\"/> in one atomic batch: all of them or, also after a crash, none.");
        source.Line("/// When two share a key, the later one wins.");
        source.Line("/// </summary>");
        source.Line("/// <param name=\"entities\">The entities.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A key part is longer than its [MaxLength], or the batch is over the store's limits.</exception>");
        source.Open($"public void PutMany(global::System.Collections.Generic.IEnumerable<{c.Entity}> entities)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
        source.Line($"var batch = new {Batch}();");
        source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
        source.Open("try");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Open("lock (_writeLock)");
        if (c.HasIndexes)
        {
            source.Line("// Index upkeep reads the stored entity, so each key is staged once: the last occurrence, the one that wins.");
            source.Line($"var list = new global::System.Collections.Generic.List<{c.Entity}>(entities);");
            source.Line("var seen = new global::System.Collections.Generic.HashSet<byte[]>(global::EdgeDb.Internal.ByteArrayComparer.Instance);");
            source.Open("for (var i = list.Count - 1; i >= 0; i--)");
            source.Line("var entity = list[i];");
            EmitNullEntityCheck(source, c);
            source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
            source.Open("if (!seen.Add(key.ToArray()))");
            source.Line("continue;");
            source.Close();
            source.Line();
            source.Line("var hasPrevious = TryRead(key, out var previous);");
            source.Line("StageIndexes(batch, key, hasPrevious, previous!, hasCurrent: true, current: entity);");
        }
        else
        {
            source.Open("foreach (var entity in entities)");
            EmitNullEntityCheck(source, c);
            source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
        }

        source.Line("value.ResetWrittenCount();");
        source.Line($"{Serializer}.Serialize(value, entity);");
        source.Line("batch.Put(key, value.WrittenSpan);");
        source.Close();
        source.Line();
        source.Line("_store.Write(batch);");
        source.Close();
        source.Close();
        source.Open("finally");
        source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
        source.Close();
        source.Close();
        source.Line();
    }

    private static void EmitNullEntityCheck(SourceWriter source, Context c)
    {
        if (!c.Model.IsValueType)
        {
            source.Open("if (entity is null)");
            source.Line("throw new global::System.ArgumentException(\"The sequence holds a null entity.\", nameof(entities));");
            source.Close();
            source.Line();
        }
    }

    private static void EmitReads(SourceWriter source, Context c)
    {
        source.Line("/// <summary>Reads the entity stored under <paramref name=\"key\"/>.</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <param name=\"entity\">The entity, when there is one.</param>");
        source.Line("/// <returns>True when an entity is stored under the key.</returns>");
        source.Open($"public bool TryGet({c.Key} key, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {c.Entity} entity)");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line("return TryRead(keyBytes.Slice(0, key.Encode(keyBytes)), out entity);");
        source.Close();
        source.Line();
        source.Line("/// <summary>Reads the entity stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <param name=\"entity\">The entity, when there is one.</param>");
        source.Line("/// <returns>True when an entity is stored under the key.</returns>");
        source.Line($"public bool TryGet({c.PartParameters}, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {c.Entity} entity) => TryGet(new {c.Key}({c.PartArguments}), out entity);");
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
        source.Line("return _store.ContainsKey(keyBytes.Slice(0, key.Encode(keyBytes)));");
        source.Close();
        source.Line();
        source.Line("/// <summary>True when an entity is stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>Whether the key is present.</returns>");
        source.Line($"public bool Contains({c.PartParameters}) => Contains(new {c.Key}({c.PartArguments}));");
        source.Line();
    }

    private static void EmitDelete(SourceWriter source, Context c)
    {
        source.Line("/// <summary>Removes the entity stored under <paramref name=\"key\"/>" + (c.HasIndexes ? " and its index entries, in one atomic batch" : string.Empty) + ".</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        source.Open($"public bool Delete({c.Key} key)");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line("var encoded = keyBytes.Slice(0, key.Encode(keyBytes));");
        source.Open("lock (_writeLock)");
        if (c.HasIndexes)
        {
            source.Open("if (!TryRead(encoded, out var previous))");
            source.Line("return false;");
            source.Close();
            source.Line();
            source.Line("_batch.Clear();");
            source.Line("StageIndexes(_batch, encoded, hasPrevious: true, previous, hasCurrent: false, current: default!);");
            source.Line("_batch.Delete(encoded);");
            source.Line("_store.Write(_batch);");
        }
        else
        {
            source.Open("if (!_store.ContainsKey(encoded))");
            source.Line("return false;");
            source.Close();
            source.Line();
            source.Line("_store.Delete(encoded);");
        }

        source.Line("return true;");
        source.Close();
        source.Close();
        source.Line();
        source.Line("/// <summary>Removes the entity stored under the key made of the given parts.</summary>");
        EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        source.Line($"public bool Delete({c.PartParameters}) => Delete(new {c.Key}({c.PartArguments}));");
        source.Line();
    }

    private static void EmitScans(SourceWriter source, Context c)
    {
        var keys = c.Model.Keys;
        for (var count = 1; count < keys.Count; count++)
        {
            var prefixParts = keys.Take(count).ToArray();
            var maxLength = KeyspacePrefix.Length + prefixParts.Sum(p => p.MaxEncodedLength);
            source.Line("/// <summary>The entities whose key starts with the given parts, in key order.</summary>");
            EmitPartParams(source, prefixParts);
            source.Line("/// <returns>The entities, read lazily from a snapshot taken now.</returns>");
            source.Open($"public global::System.Collections.Generic.IEnumerable<{c.Entity}> ScanBy{string.Join("And", prefixParts.Select(p => p.Name))}({string.Join(", ", prefixParts.Select(Parameter))})");
            source.Line(CodeSnippets.Buffer("prefix", maxLength.ToString(CultureInfo.InvariantCulture), maxLength));
            source.Line($"var writer = new {CodeSnippets.Writer}(prefix);");
            source.Line($"writer.WriteRaw({c.Key}.Prefix);");
            foreach (var part in prefixParts)
            {
                CodeSnippets.Write(source, part, "writer", part.ParameterName, CodeSnippets.KeyPartOwner(c.Model.CollectionName, part));
            }

            source.Line("return Materialize(_store.ScanPrefix(writer.Written));");
            source.Close();
            source.Line();
        }

        source.Line("/// <summary>The entities with <paramref name=\"fromInclusive\"/> &lt;= key &lt; <paramref name=\"toExclusive\"/>, in key order; a null bound is open.</summary>");
        source.Line("/// <param name=\"fromInclusive\">The smallest key to yield, or null for the first.</param>");
        source.Line("/// <param name=\"toExclusive\">The key to stop before, or null to go to the end.</param>");
        source.Line("/// <returns>The entities, read lazily from a snapshot taken now.</returns>");
        source.Open($"public global::System.Collections.Generic.IEnumerable<{c.Entity}> Range({c.Key}? fromInclusive, {c.Key}? toExclusive)");
        source.Line(CodeSnippets.Buffer("start", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line(CodeSnippets.Buffer("end", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"var startLength = fromInclusive.HasValue ? fromInclusive.GetValueOrDefault().Encode(start) : Copy({c.Key}.Prefix, start);");
        source.Line("var endLength = toExclusive.HasValue ? toExclusive.GetValueOrDefault().Encode(end) : Copy(s_collectionEnd, end);");
        source.Line("return Materialize(_store.Scan(start.Slice(0, startLength), end.Slice(0, endLength)));");
        source.Close();
        source.Line();
        source.Line("/// <summary>Every entity of the collection, in key order.</summary>");
        source.Line("/// <returns>The entities, read lazily from a snapshot taken now.</returns>");
        source.Line($"public global::System.Collections.Generic.IEnumerable<{c.Entity}> All() => Materialize(_store.ScanPrefix({c.Key}.Prefix));");
        source.Line();
    }

    private static void EmitIndex(SourceWriter source, Context c, KeyMemberModel index)
    {
        var valueMax = KeyspacePrefix.Length + index.MaxEncodedLength;
        source.Line($"/// <summary>The entities whose <see cref=\"{c.Entity}.{index.Name}\"/> equals <paramref name=\"{index.ParameterName.TrimStart('@')}\"/>, in key order (through the index).</summary>");
        source.Line($"/// <param name=\"{index.ParameterName.TrimStart('@')}\">The value to look for.</param>");
        source.Line("/// <returns>The entities, read lazily from a snapshot of the index taken now.</returns>");
        source.Open($"public global::System.Collections.Generic.IEnumerable<{c.Entity}> FindBy{index.Name}({Parameter(index)})");
        if (index.IsReferenceType)
        {
            source.Line($"global::System.ArgumentNullException.ThrowIfNull({index.ParameterName});");
        }

        source.Line(CodeSnippets.Buffer("prefix", valueMax.ToString(CultureInfo.InvariantCulture), valueMax));
        source.Line($"var writer = new {CodeSnippets.Writer}(prefix);");
        source.Line($"writer.WriteRaw(s_{index.Name}IndexPrefix);");
        CodeSnippets.Write(source, index, "writer", index.ParameterName, CodeSnippets.IndexOwner(c.Model.CollectionName, index));
        source.Line("var indexPrefix = writer.Written.ToArray();");
        source.Line($"return Resolve{index.Name}(_store.ScanPrefix(indexPrefix), indexPrefix);");
        source.Close();
        source.Line();

        source.Line($"private global::System.Collections.Generic.IEnumerable<{c.Entity}> Resolve{index.Name}(global::EdgeDb.EdgeScan scan, byte[] indexPrefix)");
        source.Line("{");
        source.Line("    foreach (var entry in scan)");
        source.Line("    {");
        source.Line("        // The entity is read after the index snapshot: it may have moved since, so only a current match is yielded.");
        source.Line($"        if (TryReadIndexed(entry.Key, indexPrefix.Length, out var entity) && {index.Name}IndexMatches(entity, indexPrefix))");
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

        source.Open($"private static int Write{index.Name}IndexKey(global::System.Span<byte> destination, {CollectionEmitter.ParameterType(index)}{(index.IsReferenceType ? "?" : string.Empty)} value, global::System.ReadOnlySpan<byte> parts)");
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

    private static void EmitHelpers(SourceWriter source, Context c)
    {
        if (c.HasIndexes)
        {
            source.Line("/// <summary>Stages the index changes of one entity: removes the entries of <paramref name=\"previous\"/>, adds those of <paramref name=\"current\"/>, skips the unchanged.</summary>");
            source.Open($"private void StageIndexes({Batch} batch, global::System.ReadOnlySpan<byte> key, bool hasPrevious, {c.Entity} previous, bool hasCurrent, {c.Entity} current)");
            source.Line($"var parts = key.Slice({c.Key}.Prefix.Length);");
            foreach (var index in c.Model.Indexes.Where(i => i.RejectsNull))
            {
                // A null in a member declared non-nullable is a bug: refused before anything is written, not silently left out of the index.
                source.Open($"if (hasCurrent && current.{index.Name} is null)");
                source.Line($"throw new global::System.ArgumentNullException({CodeSnippets.Literal(index.Name)}, {CodeSnippets.Literal($"{c.Model.TypeName}.{index.Name} is null, but it is declared non-nullable and is the {CodeSnippets.IndexOwner(c.Model.CollectionName, index)}: nothing was written. Set it, or declare it nullable to leave null values out of the index.")});");
                source.Close();
                source.Line();
            }

            foreach (var index in c.Model.Indexes)
            {
                source.Line($"var old{index.Name} = hasPrevious ? Write{index.Name}IndexKey(_oldIndexKey, previous.{index.Name}, parts) : 0;");
                source.Line($"var new{index.Name} = hasCurrent ? Write{index.Name}IndexKey(_newIndexKey, current.{index.Name}, parts) : 0;");
                source.Open($"if (!global::System.MemoryExtensions.SequenceEqual(new global::System.ReadOnlySpan<byte>(_oldIndexKey, 0, old{index.Name}), new global::System.ReadOnlySpan<byte>(_newIndexKey, 0, new{index.Name})))");
                source.Open($"if (old{index.Name} > 0)");
                source.Line($"batch.Delete(new global::System.ReadOnlySpan<byte>(_oldIndexKey, 0, old{index.Name}));");
                source.Close();
                source.Line();
                source.Open($"if (new{index.Name} > 0)");
                source.Line($"batch.Put(new global::System.ReadOnlySpan<byte>(_newIndexKey, 0, new{index.Name}), default);");
                source.Close();
                source.Close();
                source.Line();
            }

            source.Close();
            source.Line();
            source.Open($"private bool TryReadIndexed(global::System.ReadOnlyMemory<byte> indexKey, int indexPrefixLength, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {c.Entity} entity)");
            source.Line("var parts = indexKey.Span.Slice(indexPrefixLength);");
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

        source.Open($"private bool TryRead(global::System.ReadOnlySpan<byte> key, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {c.Entity} entity)");
        source.Open("if (_store.TryGet(key, out var bytes))");
        source.Line("entity = Deserialize(bytes);");
        source.Line("return true;");
        source.Close();
        source.Line();
        source.Line("entity = default;");
        source.Line("return false;");
        source.Close();
        source.Line();
        source.Line($"private static global::System.Collections.Generic.IEnumerable<{c.Entity}> Materialize(global::EdgeDb.EdgeScan scan)");
        source.Line("{");
        source.Line("    foreach (var entry in scan)");
        source.Line("    {");
        source.Line("        yield return DeserializeValue(entry.Value);");
        source.Line("    }");
        source.Line("}");
        source.Line();
        source.Line($"private static {c.Entity} DeserializeValue(global::System.ReadOnlyMemory<byte> bytes) => Deserialize(bytes.Span);");
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

    private static void EmitPartParams(SourceWriter source, IEnumerable<KeyMemberModel> parts)
    {
        foreach (var part in parts)
        {
            source.Line($"/// <param name=\"{part.ParameterName.TrimStart('@')}\">The key part <c>{part.Name}</c>.</param>");
        }
    }

    private static string Parameter(KeyMemberModel member) => $"{CollectionEmitter.ParameterType(member)} {member.ParameterName}";

    private sealed class Context
    {
        public Context(CollectionModel model)
        {
            Model = model;
            Name = model.RepositoryTypeName;
            Key = model.KeyTypeName;
            Entity = model.FullTypeName;
            HasIndexes = !model.Indexes.IsEmpty;
            PartParameters = string.Join(", ", model.Keys.Select(Parameter));
            PartArguments = string.Join(", ", model.Keys.Select(k => k.ParameterName));
            MaxIndexKeyLength = model.Indexes.Select(i => model.MaxEncodedLength + i.MaxEncodedLength).DefaultIfEmpty(0).Max();
        }

        public CollectionModel Model { get; }

        public string Name { get; }

        public string Key { get; }

        public string Entity { get; }

        public bool HasIndexes { get; }

        public string PartParameters { get; }

        public string PartArguments { get; }

        public int MaxIndexKeyLength { get; }
    }
}
