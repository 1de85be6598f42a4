using LiteDB;

namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>
/// LiteDB 5: one collection of documents <c>{ _id: binary key, v: binary value }</c>, each write its own
/// auto-transaction. LiteDB 5 has one commit mode: the commit writes its log pages to the OS (pwrite) and returns
/// without an fsync (strace of 500 puts: 3,303 pwrite64, 3 fsync, all at open and close), so it is Flushed-class.
/// It has no per-write fsync, and the synced rows say so.
/// </summary>
internal sealed class LiteDbAdapter : IStoreAdapter
{
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _collection;

    public LiteDbAdapter(string directory, DurabilityClass durability)
    {
        Directory.CreateDirectory(directory);
        _db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(directory, "kv.db"), Connection = ConnectionType.Direct });
        _collection = _db.GetCollection("kv");
        MeetsClass = durability != DurabilityClass.Synced;
        DurabilityLabel = durability == DurabilityClass.Synced ? "log write per commit, no fsync" : "log write per commit";
    }

    public string DurabilityLabel { get; }

    public bool MeetsClass { get; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        _collection.Upsert(new BsonDocument { ["_id"] = key.ToArray(), ["v"] = value.ToArray() });

    public bool TryGet(ReadOnlySpan<byte> key, out int valueLength)
    {
        var document = _collection.FindById(key.ToArray());
        valueLength = document is null ? 0 : document["v"].AsBinary.Length;
        return document is not null;
    }

    public void Delete(ReadOnlySpan<byte> key) => _collection.Delete(key.ToArray());

    public int Scan(ReadOnlySpan<byte> start, int count)
    {
        var read = 0;
        foreach (var document in _collection.Find(Query.GTE("_id", start.ToArray()), 0, count))
        {
            if (document["_id"].AsBinary.Length + document["v"].AsBinary.Length == 0)
            {
                throw new InvalidOperationException("empty entry");
            }

            read++;
        }

        return read;
    }

    // Checkpointing is LiteDB's own background-free maintenance (every 1,000 log pages); nothing runs in between.
    public void Settle()
    {
    }

    public void Dispose() => _db.Dispose();
}
