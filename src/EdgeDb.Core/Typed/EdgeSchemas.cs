using System.ComponentModel;
using System.Runtime.CompilerServices;
using EdgeDb.Diagnostics;
using EdgeDb.Writes;

namespace EdgeDb.Internal;

/// <summary>
/// Brings a store's record of a collection's schema in step with the model (docs/key-encoding.md, "Schemas"): refuses a
/// changed key layout, builds new indexes from the stored entities (resumably), deletes removed ones, then records
/// the schema. For generated repositories: hidden from completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EdgeSchemas
{
    /// <summary>Entities per build batch: each batch is one atomic write of its entries and the progress record.</summary>
    internal const int BatchEntities = 1000;

    private static readonly ConditionalWeakTable<EdgeStore, HashSet<string>> s_applied = [];

    /// <summary>
    /// Applies <paramref name="schema"/> to <paramref name="store"/> once per store and schema; later calls return at
    /// once. Runs before the repository reads or writes anything.
    /// </summary>
    /// <exception cref="EdgeSchemaMismatchException">The key layout differs from the one the stored data was written with.</exception>
    /// <exception cref="EdgeUniqueConstraintException">A new unique index finds two stored entities with one value.</exception>
    public static void Apply(EdgeStore store, CollectionSchema schema, IndexEntryWriter writeEntry)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(writeEntry);
        // Keyed by the whole schema, not the name: two releases of one model in one process reconcile each in turn.
        var applied = s_applied.GetOrCreateValue(store);
        lock (applied)
        {
            if (applied.Contains(schema.Text))
            {
                return;
            }

            Reconcile(store, schema, writeEntry);
            applied.Add(schema.Text);
        }
    }

    private static void Reconcile(EdgeStore store, CollectionSchema schema, IndexEntryWriter writeEntry)
    {
        var recordKey = SystemKey('s', schema.Prefix);
        var current = schema.Encode();
        List<string>? storedIndexes = null;
        if (store.TryGet(recordKey, out var record))
        {
            if (record.AsSpan().SequenceEqual(current))
            {
                return;
            }

            var (storedKeys, indexLines) = CollectionSchema.Decode(schema.Name, record);
            if (!storedKeys.SequenceEqual(schema.KeyParts))
            {
                throw new EdgeSchemaMismatchException(schema.Name, "key layout", string.Join(", ", storedKeys), schema.KeyLayout);
            }

            storedIndexes = indexLines;
        }
        else if (!store.ScanPrefix(schema.Prefix).Any())
        {
            store.Put(recordKey, current);
            return;
        }

        // A store from before schemas (no record, entities stored) cannot vouch for any index: rebuild them all.
        foreach (var index in schema.Indexes)
        {
            if (storedIndexes is null || !storedIndexes.Contains(index.Line))
            {
                var reason = storedIndexes is null ? "the store has no schema record for the collection" : storedIndexes.Any(l => MemberOf(l) == index.Member) ? "its definition changed" : "it is new";
                Build(store, schema, index, writeEntry, reason);
            }
        }

        foreach (var removed in (storedIndexes ?? []).Select(MemberOf).Except(schema.Indexes.Select(i => i.Member)))
        {
            var prefix = Keyspace.IndexPrefix(schema.Name, removed);
            var deleted = DeleteAll(store, prefix);
            Log.IndexRemoved(store.Logger, schema.Name, removed, deleted);
        }

        var finish = new WriteBatch();
        finish.Put(recordKey, current);
        foreach (var index in schema.Indexes)
        {
            finish.Delete(SystemKey('b', index.Prefix));
        }

        store.Write(finish);
    }

    private static void Build(EdgeStore store, CollectionSchema schema, IndexSchema index, IndexEntryWriter writeEntry, string reason)
    {
        var progressKey = SystemKey('b', index.Prefix);
        byte[] start;
        if (store.TryGet(progressKey, out var resumeAfter))
        {
            // A build was interrupted: everything up to and including that key is indexed.
            start = resumeAfter.Length == 0 ? schema.Prefix : [.. resumeAfter, 0];
        }
        else
        {
            DeleteAll(store, index.Prefix);
            store.Put(progressKey, []);
            start = schema.Prefix;
        }

        Log.IndexBuildStarted(store.Logger, schema.Name, index.Member, reason);
        var end = KeyBounds.PrefixSuccessor(schema.Prefix)!;
        var batch = new WriteBatch();
        long built = 0;
        try
        {
            while (true)
            {
                batch.Clear();
                byte[]? last = null;
                var inBatch = 0;
                foreach (var entry in store.Scan(start, end))
                {
                    writeEntry(index.Member, entry.Key.Span, entry.Value.Span, batch);
                    last = entry.Key.ToArray();
                    if (++inBatch == BatchEntities)
                    {
                        break;
                    }
                }

                if (last is null)
                {
                    break;
                }

                CheckUnique(store, schema, index, batch);
                batch.Put(progressKey, last);
                store.Write(batch);
                built += inBatch;
                Log.IndexBuildProgress(store.Logger, schema.Name, index.Member, built);
                start = [.. last, 0];
            }
        }
        catch (EdgeUniqueConstraintException)
        {
            // The old schema stays recorded, so the next construction starts this build again, from nothing.
            DeleteAll(store, index.Prefix);
            store.Delete(progressKey);
            throw;
        }

        Log.IndexBuilt(store.Logger, schema.Name, index.Member, built);
    }

    /// <summary>A unique entry already present (from an earlier batch, or twice in this one) means two entities share a value.</summary>
    private static void CheckUnique(EdgeStore store, CollectionSchema schema, IndexSchema index, WriteBatch batch)
    {
        if (!index.Line.EndsWith(":unique", StringComparison.Ordinal))
        {
            return;
        }

        var seen = new HashSet<byte[]>(ByteArrayComparer.Instance);
        var reader = new BatchReader(batch.GetPayload());
        while (reader.Remaining > 0)
        {
            reader.TryReadNext(out _, out var entryKey, out _);
            var key = entryKey.ToArray();
            if (!seen.Add(key) || store.TryGet(key, out _))
            {
                throw new EdgeUniqueConstraintException(schema.Name, index.Member, "0x" + Convert.ToHexString(key.AsSpan(Keyspace.PrefixLength)) + " (encoded; two stored entities hold it, so the unique index cannot be built)");
            }
        }
    }

    private static long DeleteAll(EdgeStore store, byte[] prefix)
    {
        long deleted = 0;
        var batch = new WriteBatch();
        while (true)
        {
            batch.Clear();
            foreach (var entry in store.ScanPrefix(prefix).Take(BatchEntities))
            {
                batch.Delete(entry.Key.Span);
            }

            if (batch.Count == 0)
            {
                return deleted;
            }

            deleted += batch.Count;
            store.Write(batch);
        }
    }

    private static string MemberOf(string indexLine) => indexLine[..indexLine.IndexOf(':', StringComparison.Ordinal)];

    private static byte[] SystemKey(char kind, byte[] prefix) => [Keyspace.SystemTag, (byte)kind, .. prefix];
}
