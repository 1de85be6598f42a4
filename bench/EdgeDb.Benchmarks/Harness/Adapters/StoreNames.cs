namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>The stores the harness knows, and how to open each one in a fresh directory.</summary>
internal static class StoreNames
{
    public const string EdgeDb = "edgedb";
    public const string RocksDb = "rocksdb";
    public const string ZoneTree = "zonetree";
    public const string Sqlite = "sqlite";
    public const string LiteDb = "litedb";

    public static readonly string[] All = [EdgeDb, RocksDb, ZoneTree, Sqlite, LiteDb];

    public static IStoreAdapter Open(string store, string directory, DurabilityClass durability) => store switch
    {
        EdgeDb => new EdgeDbAdapter(directory, durability),
        RocksDb => new RocksDbAdapter(directory, durability),
        ZoneTree => new ZoneTreeAdapter(directory, durability),
        Sqlite => new SqliteAdapter(directory, durability),
        LiteDb => new LiteDbAdapter(directory, durability),
        _ => throw new ArgumentException($"Unknown store '{store}'. Known: {string.Join(", ", All)}."),
    };
}
