using EdgeDb;
using EdgeDb.TypedHost;

// A child process for typed crash tests:
//   churn <dir> <seed> : runs random typed operations (Churn) on a store with a 64 KiB MemTable, so flushes and
//                        compactions run all the time, printing "ack <generation>" after each transaction's
//                        Commit returned, until killed.
//   check <dir>        : opens the store and prints "consistent", or each problem Consistency finds.
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
    default:
        Console.Error.WriteLine("usage: churn <dir> <seed> | check <dir>");
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
