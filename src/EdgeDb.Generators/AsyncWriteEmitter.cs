using EdgeDb.SourceModel;

namespace EdgeDb.Generators;

/// <summary>
/// The repository's awaitable writes (<c>PutAsync</c>, <c>PutManyAsync</c>, <c>DeleteAsync</c>): the same writes as the
/// synchronous ones, completing when they are as durable as the store's level promises, through the same group
/// commit. A collection without indexes fills a pooled batch synchronously and awaits the store; one with indexes
/// stages a transaction and awaits its commit, retrying on a conflict.
/// </summary>
internal static class AsyncWriteEmitter
{
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Pool = "global::EdgeDb.Internal.PooledWrites";

    public static void Emit(SourceWriter source, EmitContext c, int maxAttempts)
    {
        const string Cancellation = "/// <param name=\"cancellationToken\">Cancels the wait: before the write is queued it throws and nothing is written; once queued, the write completes anyway (docs/durability.md).</param>";
        source.Line("/// <summary>Stores <paramref name=\"entity\"/> as <see cref=\"Put(" + c.Model.FullTypeName + ")\"/> does, completing when the write is durable at the store's level, with no thread blocked while it waits.</summary>");
        source.Line("/// <param name=\"entity\">The entity.</param>");
        source.Line(Cancellation);
        if (c.HasIndexes)
        {
            source.Open($"public async {ValueTask} PutAsync({c.Entity} entity, {Token})");
            NullCheck(source, c, "entity");
            source.Line("await WriteInTransactionAsync(tx => { Put(tx, entity); return true; }, cancellationToken).ConfigureAwait(false);");
        }
        else
        {
            source.Open($"public {ValueTask} PutAsync({c.Entity} entity, {Token})");
            NullCheck(source, c, "entity");
            EmitPooledWrite(source, () => source.Line("AddTo(batch, entity);"));
        }

        source.Close();
        source.Line();

        source.Line("/// <summary>Stores every entity of <paramref name=\"entities\"/> in one atomic commit, as <c>PutMany</c> does, completing when it is durable at the store's level.</summary>");
        source.Line("/// <param name=\"entities\">The entities.</param>");
        source.Line(Cancellation);
        if (c.HasIndexes)
        {
            source.Open($"public async {ValueTask} PutManyAsync(global::System.Collections.Generic.IEnumerable<{c.Entity}> entities, {Token})");
            source.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
            source.Line($"var list = new global::System.Collections.Generic.List<{c.Entity}>(entities);");
            source.Line("await WriteInTransactionAsync(tx => { PutMany(tx, list); return true; }, cancellationToken).ConfigureAwait(false);");
        }
        else
        {
            source.Open($"public {ValueTask} PutManyAsync(global::System.Collections.Generic.IEnumerable<{c.Entity}> entities, {Token})");
            source.Line("global::System.ArgumentNullException.ThrowIfNull(entities);");
            EmitPooledWrite(source, () =>
            {
                source.Open("foreach (var entity in entities)");
                NullCheck(source, c, "entity");
                source.Line("AddTo(batch, entity);");
                source.Close();
            });
        }

        source.Close();
        source.Line();

        source.Line("/// <summary>Removes the entity stored under <paramref name=\"key\"/>, as <c>Delete</c> does, completing when the removal is durable at the store's level.</summary>");
        source.Line("/// <param name=\"key\">The key.</param>");
        source.Line(Cancellation);
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        if (c.HasIndexes)
        {
            source.Line($"public {ValueTask}<bool> DeleteAsync({c.Key} key, {Token}) => WriteInTransactionAsync(tx => Delete(tx, key), cancellationToken);");
        }
        else
        {
            source.Open($"public {ValueTask}<bool> DeleteAsync({c.Key} key, {Token})");
            source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
            source.Line("var encoded = keyBytes.Slice(0, key.Encode(keyBytes));");
            source.Open("if (!_store.ContainsKey(encoded))");
            source.Line($"return new {ValueTask}<bool>(false);");
            source.Close();
            source.Line();
            source.Line($"var batch = {Pool}.Rent();");
            source.Line("batch.Delete(encoded);");
            source.Line($"return {Pool}.WriteAsync(_store, batch, true, cancellationToken);");
            source.Close();
        }

        source.Line();
        source.Line("/// <summary>Removes the entity stored under the key made of the given parts, completing when the removal is durable.</summary>");
        ReadEmitter.EmitPartParams(source, c.Model.Keys);
        source.Line(Cancellation);
        source.Line("/// <returns>True when an entity was removed; false when none was stored.</returns>");
        source.Line($"public {ValueTask}<bool> DeleteAsync({c.PartParameters}, {Token}) => DeleteAsync(new {c.Key}({c.PartArguments}), cancellationToken);");
        source.Line();

        if (c.HasIndexes)
        {
            EmitWriteInTransactionAsync(source, maxAttempts);
        }
        else
        {
            EmitAddTo(source, c);
        }
    }

    /// <summary>Rents a batch, fills it with <paramref name="fill"/> (returning it to the pool if that throws) and writes it.</summary>
    private static void EmitPooledWrite(SourceWriter source, System.Action fill)
    {
        source.Line($"var batch = {Pool}.Rent();");
        source.Open("try");
        fill();
        source.Close();
        source.Open("catch");
        source.Line($"{Pool}.Return(batch);");
        source.Line("throw;");
        source.Close();
        source.Line();
        source.Line($"return {Pool}.WriteAsync(_store, batch, cancellationToken);");
    }

    private static void EmitAddTo(SourceWriter source, EmitContext c)
    {
        source.Line("/// <summary>Adds the put of <paramref name=\"entity\"/> to <paramref name=\"batch\"/>.</summary>");
        source.Open($"private static void AddTo(global::EdgeDb.WriteBatch batch, {c.Entity} entity)");
        source.Line(CodeSnippets.Buffer("keyBytes", $"{c.Key}.MaxEncodedLength", c.Model.MaxEncodedLength));
        source.Line($"var key = keyBytes.Slice(0, {c.Key}.Of(entity).Encode(keyBytes));");
        source.Line("var value = global::EdgeDb.Internal.ValueBuffers.Rent();");
        source.Open("try");
        source.Line($"global::MemoryPack.MemoryPackSerializer.Serialize(value, entity);");
        RepositoryEmitter.EmitValuePut(source, c, "batch");
        source.Close();
        source.Open("finally");
        source.Line("global::EdgeDb.Internal.ValueBuffers.Return(value);");
        source.Close();
        source.Close();
        source.Line();
    }

    private static void EmitWriteInTransactionAsync(SourceWriter source, int maxAttempts)
    {
        source.Line($"/// <summary>Runs a write as a transaction of its own and awaits its commit, again after a conflict (at most {maxAttempts} times).</summary>");
        source.Open($"private async {ValueTask}<bool> WriteInTransactionAsync(global::System.Func<global::EdgeDb.EdgeTransaction, bool> write, global::System.Threading.CancellationToken cancellationToken)");
        source.Open("for (var attempt = 1; ; attempt++)");
        source.Line("using var transaction = _store.BeginTransaction();");
        source.Line("var result = write(transaction);");
        source.Open("try");
        source.Line("await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);");
        source.Line("return result;");
        source.Close();
        source.Open($"catch (global::EdgeDb.EdgeTransactionConflictException) when (attempt < {maxAttempts})");
        source.Line("// Someone else changed what this write read; read it again.");
        source.Close();
        source.Close();
        source.Close();
        source.Line();
    }

    private static void NullCheck(SourceWriter source, EmitContext c, string name)
    {
        if (!c.Model.IsValueType)
        {
            source.Line($"global::System.ArgumentNullException.ThrowIfNull({name});");
        }
    }
}
