using EdgeDb;
using EdgeDb.TypedHost;

// A child process for typed crash tests:
//   churn <dir> <seed> : runs random typed operations (Churn) on a store with a 64 KiB MemTable, so flushes and
//                        compactions run all the time, printing "ack <generation>" after each transaction's
//                        Commit returned, until killed.
//   check <dir>        : opens the store and prints "consistent", or each problem Consistency finds.
//   fill-parcels <dir> <n> : stores n parcels with release 1 of the model (no index) and exits.
//   index-parcels <dir>    : constructs release 2's repository (an index on Zone), printing the store's log lines
//                            ("log ...") as the index is built from the stored parcels, then "indexed".
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "churn":
        RunChurn(args[1], int.Parse(args[2]));
        break;
    case "check":
        using (var store = EdgeStore.Open(args[1]))
        {
            var problems = Consistency.Problems(store);
            Console.WriteLine(problems.Count == 0 ? "consistent" : string.Join('\n', problems));
        }

        break;
    case "fill-parcels":
        using (var store = EdgeStore.Open(args[1]))
        {
            new EdgeDb.TypedHost.Model.ParcelRepository(store).PutMany(
                Enumerable.Range(0, int.Parse(args[2])).Select(id => new EdgeDb.TypedHost.Model.Parcel(id, "zone-" + (id % 7))));
        }

        break;
    case "index-parcels":
        using (var store = EdgeStore.Open(args[1], new EdgeStoreOptions { Logger = new ConsoleLogger() }))
        {
            _ = new EdgeDb.TypedHost.Model.ZonedParcelRepository(store);
            Console.WriteLine("indexed");
        }

        break;
    default:
        Console.Error.WriteLine("usage: churn <dir> <seed> | check <dir> | fill-parcels <dir> <n> | index-parcels <dir>");
        return 2;
}

return 0;

static void RunChurn(string directory, int seed)
{
    var options = new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024, Durability = Durability.Flushed };
    using var store = EdgeStore.Open(directory, options);
    var churn = new Churn(store, seed);
    Console.WriteLine("ready");
    while (true)
    {
        if (churn.Step())
        {
            Console.WriteLine($"ack {churn.Generation}");
        }
    }
}
