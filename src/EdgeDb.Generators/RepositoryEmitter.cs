using System.Linq;
using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// Emits <c>{Type}Repository</c>: every read (<see cref="ReadEmitter"/>, against the store as of each read), views
/// at a snapshot or a transaction, and the writes: put, put-many, delete, plain or staged in a transaction, each
/// moving the entity's index entries with it. A collection with indexes writes through a transaction of its own and
/// retries on a conflict (docs/transactions.md, "Typed transactions and views").
/// </summary>
internal static class RepositoryEmitter
{
    private const string Store = "global::EdgeDb.EdgeStore";
    private const string Batch = "global::EdgeDb.WriteBatch";
    private const string Transaction = "global::EdgeDb.EdgeTransaction";
    private const string Serializer = "global::MemoryPack.MemoryPackSerializer";

    /// <summary>How often a plain write of an indexed collection is retried after a conflict before the conflict is thrown.</summary>
    private const int MaxAttempts = 100;

    public static void Emit(SourceWriter source, CollectionModel model)
    {
        var c = new EmitContext(model, inView: false);
        source.Line($"/// <summary>Stores <see cref=\"{model.FullTypeName}\"/> entities in the collection {KeyTypeEmitter.Escape(CodeSnippets.Literal(model.CollectionName))} of an <see cref=\"{Store}\"/>, in key order. Thread-safe.</summary>");
        source.Line(CollectionEmitter.GeneratedCodeAttribute);
        source.Open($"{model.Accessibility} sealed partial class {c.Name}");
        ReadEmitter.EmitStaticFields(source, c);
        SchemaEmitter.EmitField(source, c);
        source.Line($"private readonly {Store} _store;");
        source.Line();
        EmitConstructor(source, c);
        EmitViews(source, c);
        EmitPut(source, c);
        EmitPutMany(source, c);
        EmitDelete(source, c);
        EmitTransactionalWrites(source, c);
        AsyncWriteEmitter.Emit(source, c, MaxAttempts);
        ReadEmitter.EmitAll(source, c);
        if (c.HasIndexes)
        {
            source.Line();
            EmitStageIndexes(source, c);
            EmitWriteInTransaction(source, c);
        }

        source.Line();
        EmitExpiresAt(source, c);
        SchemaEmitter.EmitIndexEntryWriter(source, c);
        source.Close();
    }

    private static void EmitConstructor(SourceWriter source, EmitContext c)
    {
        source.Line($"/// <summary>Serves the collection {KeyTypeEmitter.Escape(CodeSnippets.Literal(c.Model.CollectionName))} of <paramref name=\"store\"/>, recording its keyspaces in the store's catalogue.</summary>");
        source.Line("/// <param name=\"store\">The open store.</param>");
        source.Line("/// <exception cref=\"global::EdgeDb.EdgeKeyspaceConflictException\">Another collection or index of the store has the same keyspace prefix.</exception>");
        source.Line("/// <exception cref=\"global::EdgeDb.EdgeSchemaMismatchException\">The key layout differs from the one the stored entities were written with (docs/key-encoding.md, \"Schemas\").</exception>");
        source.Open($"public {c.Name}({Store} store)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(store);");
        source.Line("// Registers MemoryPack's generated formatter up front, so that serialization never looks it up by reflection.");
        source.Line($"global::MemoryPack.MemoryPackFormatterProvider.Register<{c.Entity}>();");
        source.Line("_store = store;");
        source.Line($"global::EdgeDb.Internal.EdgeCatalog.Register(store, {c.Key}.Prefix, {CodeSnippets.Literal(c.Model.CollectionName)});");
        foreach (var index in c.Model.Indexes)
        {
            source.Line($"global::EdgeDb.Internal.EdgeCatalog.Register(store, s_{index.Name}IndexPrefix, {CodeSnippets.Literal(KeyspacePrefix.IndexName(c.Model.CollectionName, index.Name))});");
        }

        // Before the repository reads or writes: a changed key layout throws, a new index is built from the stored entities.
        SchemaEmitter.EmitApply(source);
        source.Close();
        source.Line();
        source.Line("/// <summary>The store this repository reads and writes.</summary>");
        source.Line($"public {Store} Store => _store;");
        source.Line();
    }

    private static void EmitViews(SourceWriter source, EmitContext c)
    {
        var view = EmitContext.ViewName(c.Model);
        source.Line("/// <summary>The collection as <paramref name=\"transaction\"/> sees it: its snapshot merged with its staged writes; every read is validated when it commits.</summary>");
        source.Line("/// <param name=\"transaction\">An open transaction of this repository's store.</param>");
        source.Line("/// <returns>A view for as long as the transaction lives.</returns>");
        source.Line($"public {view} At({Transaction} transaction) => new {view}({EmitContext.ReadSourceType}.Of(transaction));");
        source.Line();
        source.Line("/// <summary>The collection as it was when <paramref name=\"snapshot\"/> was taken.</summary>");
        source.Line("/// <param name=\"snapshot\">A snapshot of this repository's store.</param>");
        source.Line("/// <returns>A view for as long as the snapshot lives.</returns>");
        source.Line($"public {view} At(global::EdgeDb.EdgeSnapshot snapshot) => new {view}({EmitContext.ReadSourceType}.Of(snapshot));");
        source.Line();
    }

    private static void EmitPut(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Stores <paramref name=\"entity\"/> under its key, replacing any entity stored there" + (c.HasIndexes ? " and moving its index entries, all in one atomic commit" : string.Empty) + ".</summary>");
        source.Line("/// <param name=\"entity\">The entity.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A string or byte-array key part is longer than its [MaxLength].</exception>");
        EmitUniqueException(source, c);
        source.Open($"public void Put({c.Entity} entity)");
        EmitNullArgument(source, c, "entity");
        if (c.HasIndexes)
        {
            source.Line("WriteInTransaction(tx => { Put(tx, entity); return true; });");
        }
        else
        {
            source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
            source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
            source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
            source.Open("try");
            source.Line($"{Serializer}.Serialize(value, entity);");
            EmitValuePut(source, c, "_store");
            source.Close();
            source.Open("finally");
            source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
            source.Close();
        }

        source.Close();
        source.Line();
    }

    private static void EmitPutMany(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>");
        source.Line("/// Stores every entity of <paramref name=\"entities\"/> in one atomic commit: all of them or, also after a crash, none.");
        source.Line("/// When two share a key, the later one wins.");
        source.Line("/// </summary>");
        source.Line("/// <param name=\"entities\">The entities.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A key part is longer than its [MaxLength], an entity is null, or the batch is over the store's limits.</exception>");
        EmitUniqueException(source, c);
        source.Open($"public void PutMany(global::System.Collections.Generic.IEnumerable<{c.Entity}> entities)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
        if (c.HasIndexes)
        {
            source.Line($"var list = new global::System.Collections.Generic.List<{c.Entity}>(entities);");
            source.Line("WriteInTransaction(tx => { PutMany(tx, list); return true; });");
        }
        else
        {
            source.Line($"var batch = new {Batch}();");
            source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
            source.Open("try");
            source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
            source.Open("foreach (var entity in entities)");
            EmitNullEntityCheck(source, c);
            source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
            source.Line("value.ResetWrittenCount();");
            source.Line($"{Serializer}.Serialize(value, entity);");
            EmitValuePut(source, c, "batch");
            source.Close();
            source.Line();
            source.Line("_store.Write(batch);");
            source.Close();
            source.Open("finally");
            source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
            source.Close();
        }

        source.Close();
        source.Line();
    }

    private static void EmitDelete(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Removes the entity stored under <paramref name=\"key\"/>" + (c.HasIndexes ? " and its index entries, in one atomic commit" : string.Empty) + ".</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        source.Open($"public bool Delete({c.Key} key)");
        if (c.HasIndexes)
        {
            source.Line("return WriteInTransaction(tx => Delete(tx, key));");
        }
        else
        {
            source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
            source.Line("var encoded = keyBytes.Slice(0, key.Encode(keyBytes));");
            source.Open("if (!_store.ContainsKey(encoded))");
            source.Line("return false;");
            source.Close();
            source.Line();
            source.Line("_store.Delete(encoded);");
            source.Line("return true;");
        }

        source.Close();
        source.Line();
        source.Line("/// <summary>Removes the entity stored under the key made of the given parts.</summary>");
        ReadEmitter.EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        source.Line($"public bool Delete({c.PartParameters}) => Delete(new {c.Key}({c.PartArguments}));");
        source.Line();
    }

    private static void EmitTransactionalWrites(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Stages <paramref name=\"entity\"/> (and the move of its index entries) in <paramref name=\"transaction\"/>; it is written when the transaction commits.</summary>");
        source.Line("/// <param name=\"transaction\">An open transaction of this repository's store.</param>");
        source.Line("/// <param name=\"entity\">The entity.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A string or byte-array key part is longer than its [MaxLength].</exception>");
        EmitUniqueException(source, c);
        source.Open($"public void Put({Transaction} transaction, {c.Entity} entity)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(transaction);");
        EmitNullArgument(source, c, "entity");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
        source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
        source.Open("try");
        source.Line($"{Serializer}.Serialize(value, entity);");
        if (c.HasIndexes)
        {
            source.Line($"var view = new {EmitContext.ViewName(c.Model)}({EmitContext.ReadSourceType}.Of(transaction));");
            source.Line("var hasPrevious = view.TryRead(key, out var previous);");
            source.Line("StageIndexes(transaction, view, key, hasPrevious, previous!, hasCurrent: true, current: entity);");
        }

        EmitValuePut(source, c, "transaction");
        source.Close();
        source.Open("finally");
        source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
        source.Close();
        source.Close();
        source.Line();
        source.Line("/// <summary>Stages every entity of <paramref name=\"entities\"/> in <paramref name=\"transaction\"/>, in order; when two share a key, the later one wins.</summary>");
        source.Line("/// <param name=\"transaction\">An open transaction of this repository's store.</param>");
        source.Line("/// <param name=\"entities\">The entities.</param>");
        source.Line("/// <exception cref=\"global::System.ArgumentException\">A key part is longer than its [MaxLength], or an entity is null.</exception>");
        EmitUniqueException(source, c);
        source.Open($"public void PutMany({Transaction} transaction, global::System.Collections.Generic.IEnumerable<{c.Entity}> entities)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(transaction);");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
        source.Open("foreach (var entity in entities)");
        EmitNullEntityCheck(source, c);
        source.Line("Put(transaction, entity);");
        source.Close();
        source.Close();
        source.Line();
        source.Line("/// <summary>Stages the removal of the entity stored under <paramref name=\"key\"/> (and of its index entries) in <paramref name=\"transaction\"/>.</summary>");
        source.Line("/// <param name=\"transaction\">An open transaction of this repository's store.</param>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line("/// <returns>True when the transaction sees an entity under the key (so the commit removes it); false when it sees none.</returns>");
        source.Open($"public bool Delete({Transaction} transaction, {c.Key} key)");
        source.Line("global::System.ArgumentNullException.ThrowIfNull(transaction);");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line("var encoded = keyBytes.Slice(0, key.Encode(keyBytes));");
        if (c.HasIndexes)
        {
            source.Line($"var view = new {EmitContext.ViewName(c.Model)}({EmitContext.ReadSourceType}.Of(transaction));");
            source.Open("if (!view.TryRead(encoded, out var previous))");
        }
        else
        {
            source.Open("if (!transaction.ContainsKey(encoded))");
        }

        source.Line("return false;");
        source.Close();
        source.Line();
        if (c.HasIndexes)
        {
            source.Line("StageIndexes(transaction, view, encoded, hasPrevious: true, previous, hasCurrent: false, current: default!);");
        }

        source.Line("transaction.Delete(encoded);");
        source.Line("return true;");
        source.Close();
        source.Line();
        source.Line("/// <summary>Stages the removal of the entity stored under the key made of the given parts in <paramref name=\"transaction\"/>.</summary>");
        source.Line("/// <param name=\"transaction\">An open transaction of this repository's store.</param>");
        ReadEmitter.EmitPartParams(source, c.Model.Keys);
        source.Line("/// <returns>True when the transaction sees an entity under the key; false when it sees none.</returns>");
        source.Line($"public bool Delete({Transaction} transaction, {c.PartParameters}) => Delete(transaction, new {c.Key}({c.PartArguments}));");
        source.Line();
    }

    private static void EmitStageIndexes(SourceWriter source, EmitContext c)
    {
        var view = EmitContext.ViewName(c.Model);
        var length = c.MaxIndexKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        source.Line("/// <summary>");
        source.Line("/// Stages the index changes of one entity: removes the entries of <paramref name=\"previous\"/>, adds those of");
        source.Line("/// <paramref name=\"current\"/>, skips the unchanged; a unique value another entity holds is refused before anything is staged.");
        source.Line("/// </summary>");
        source.Open($"private static void StageIndexes({Transaction} target, {view} reads, global::System.ReadOnlySpan<byte> key, bool hasPrevious, {c.Entity} previous, bool hasCurrent, {c.Entity} current)");
        source.Line($"var parts = key.Slice({c.Key}.Prefix.Length);");
        if (c.Model.TimeToLive is not null)
        {
            // Index entries expire with their entity.
            source.Line("var expiresAt = hasCurrent ? ExpiresAt(current) : null;");
        }

        foreach (var index in c.Model.Indexes.Where(i => i.RejectsNull))
        {
            // A null in a member declared non-nullable is a bug: refused before anything is written, not silently left out of the index.
            source.Open($"if (hasCurrent && current.{index.Name} is null)");
            source.Line($"throw new global::System.ArgumentNullException({CodeSnippets.Literal(index.Name)}, {CodeSnippets.Literal($"{c.Model.TypeName}.{index.Name} is null, but it is declared non-nullable and is the {CodeSnippets.IndexOwner(c.Model.CollectionName, index)}: nothing was written. Set it, or declare it nullable to leave null values out of the index.")});");
            source.Close();
            source.Line();
        }

        source.Line(CodeSnippets.Buffer("oldKey", length, c.MaxIndexKeyLength));
        source.Line(CodeSnippets.Buffer("newKey", length, c.MaxIndexKeyLength));
        foreach (var index in c.Model.Indexes)
        {
            // A unique entry is the value alone, and holds the entity's key parts; any other entry ends with them.
            var entryParts = index.IsUnique ? "default" : "parts";
            source.Line($"var old{index.Name} = hasPrevious ? Write{index.Name}IndexKey(oldKey, previous.{index.Name}, {entryParts}) : 0;");
            source.Line($"var new{index.Name} = hasCurrent ? Write{index.Name}IndexKey(newKey, current.{index.Name}, {entryParts}) : 0;");
            // With expiry an unchanged entry is written again too: its expiry must follow the entity's, also to "never".
            source.Open(c.Model.TimeToLive is null
                ? $"if (!global::System.MemoryExtensions.SequenceEqual(oldKey.Slice(0, old{index.Name}), newKey.Slice(0, new{index.Name})))"
                : $"if (!global::System.MemoryExtensions.SequenceEqual(oldKey.Slice(0, old{index.Name}), newKey.Slice(0, new{index.Name})) || hasCurrent)");
            if (index.IsUnique)
            {
                source.Open($"if (new{index.Name} > 0 && reads.TryReadRaw(newKey.Slice(0, new{index.Name}), out var owner) && !global::System.MemoryExtensions.SequenceEqual(owner, parts))");
                source.Line($"throw new global::EdgeDb.EdgeUniqueConstraintException({CodeSnippets.Literal(c.Model.CollectionName)}, {CodeSnippets.Literal(index.Name)}, {ValueText(index, $"current.{index.Name}")});");
                source.Close();
                source.Line();
            }

            source.Open($"if (old{index.Name} > 0)");
            source.Line($"target.Delete(oldKey.Slice(0, old{index.Name}));");
            source.Close();
            source.Line();
            source.Open($"if (new{index.Name} > 0)");
            var entryValue = index.IsUnique ? "parts" : "default";
            if (c.Model.TimeToLive is null)
            {
                source.Line($"target.Put(newKey.Slice(0, new{index.Name}), {entryValue});");
            }
            else
            {
                source.Open("if (expiresAt is { } at)");
                source.Line($"target.Put(newKey.Slice(0, new{index.Name}), {entryValue}, at);");
                source.Close();
                source.Open("else");
                source.Line($"target.Put(newKey.Slice(0, new{index.Name}), {entryValue});");
                source.Close();
            }
            source.Close();
            source.Close();
            source.Line();
        }

        source.Close();
        source.Line();
    }

    private static void EmitWriteInTransaction(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>");
        source.Line("/// Runs a plain write as a transaction of its own, so that its index upkeep is validated against every other writer,");
        source.Line($"/// and runs it again after a conflict (at most {MaxAttempts} times).");
        source.Line("/// </summary>");
        source.Open($"private bool WriteInTransaction(global::System.Func<{Transaction}, bool> write)");
        source.Open("for (var attempt = 1; ; attempt++)");
        source.Line("using var transaction = _store.BeginTransaction();");
        source.Line("var result = write(transaction);");
        source.Open("try");
        source.Line("transaction.Commit();");
        source.Line("return result;");
        source.Close();
        source.Open($"catch (global::EdgeDb.EdgeTransactionConflictException) when (attempt < {MaxAttempts})");
        source.Line("// Someone else changed what this write read; read it again.");
        source.Close();
        source.Close();
        source.Close();
    }

    /// <summary>Stores the serialized entity under key through <paramref name="target"/>, with its expiry when the collection has one.</summary>
    internal static void EmitValuePut(SourceWriter source, EmitContext c, string target)
    {
        if (c.Model.TimeToLive is null)
        {
            source.Line($"{target}.Put(key, value.WrittenSpan);");
            return;
        }

        source.Open("if (ExpiresAt(entity) is { } expiresAt)");
        source.Line($"{target}.Put(key, value.WrittenSpan, expiresAt);");
        source.Close();
        source.Open("else");
        source.Line($"{target}.Put(key, value.WrittenSpan);");
        source.Close();
    }

    private static void EmitExpiresAt(SourceWriter source, EmitContext c)
    {
        if (c.Model.TimeToLive is not { } ttl)
        {
            return;
        }

        var span = ttl.SpanTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        source.Line($"/// <summary>When <paramref name=\"entity\"/> expires: its {ttl.Member} plus the [EdgeTimeToLive] span{(ttl.IsNullable ? ", or null (never) when it has none" : string.Empty)}.</summary>");
        source.Line(ttl.IsNullable
            ? $"private static global::System.DateTimeOffset? ExpiresAt({c.Entity} entity) => entity.{ttl.Member} is {{ }} instant ? global::EdgeDb.Internal.ExpiryTime.After(instant, {span}L) : null;"
            : $"private static global::System.DateTimeOffset? ExpiresAt({c.Entity} entity) => global::EdgeDb.Internal.ExpiryTime.After(entity.{ttl.Member}, {span}L);");
        source.Line();
    }

    private static string ValueText(KeyMemberModel index, string value) => index.Kind == KeyKind.Bytes
        ? $"global::System.Convert.ToHexString({value}!)"
        : index.Kind == KeyKind.String
            ? $"\"'\" + {value} + \"'\""
            : $"global::System.Convert.ToString({value}, global::System.Globalization.CultureInfo.InvariantCulture) ?? \"null\"";

    private static void EmitUniqueException(SourceWriter source, EmitContext c)
    {
        if (c.Model.Indexes.Any(i => i.IsUnique))
        {
            source.Line("/// <exception cref=\"global::EdgeDb.EdgeUniqueConstraintException\">A unique index value already belongs to another entity; nothing was written.</exception>");
        }
    }

    private static void EmitNullArgument(SourceWriter source, EmitContext c, string name)
    {
        if (!c.Model.IsValueType)
        {
            source.Line($"global::System.ArgumentNullException.ThrowIfNull({name});");
        }
    }

    private static void EmitNullEntityCheck(SourceWriter source, EmitContext c)
    {
        if (!c.Model.IsValueType)
        {
            source.Open("if (entity is null)");
            source.Line("throw new global::System.ArgumentException(\"The sequence holds a null entity.\", nameof(entities));");
            source.Close();
            source.Line();
        }
    }
}
