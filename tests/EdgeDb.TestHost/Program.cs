using System.Buffers.Binary;
using EdgeDb;
using EdgeDb.TestHost;

// A child process for tests that need a second process or a real crash:
//   write <dir> <seed> <durability> : continues the CrashHistory where the store left off, printing
//                                      "ack <i>" after batch i's Write returned, until killed.
//   hold <dir>                       : opens the store, prints "ready", and keeps it open until stdin closes.
//   open <dir>                       : tries to open the store and prints "opened" or the exception type.
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "write":
        Write(args[1], int.Parse(args[2]), Enum.Parse<Durability>(args[3]));
        break;
    case "hold":
        using (EdgeStore.Open(args[1]))
        {
            Console.WriteLine("ready");
            Console.Out.Flush();
            Console.In.ReadToEnd();
        }

        break;
    case "open":
        try
        {
            using (EdgeStore.Open(args[1]))
            {
                Console.WriteLine("opened");
            }
        }
        catch (Exception ex)
        {
            Console.WriteLine(ex.GetType().Name);
        }

        break;
    default:
        Console.Error.WriteLine("usage: write <dir> <seed> <durability> | hold <dir> | open <dir>");
        return 2;
}

return 0;

static void Write(string directory, int seed, Durability durability)
{
    using var store = EdgeStore.Open(directory, new EdgeStoreOptions { Durability = durability, WalSegmentSizeBytes = 256 * 1024, MemTableSizeBytes = 1L << 30 });
    long next = store.TryGet(CrashHistory.LastKey, out var marker) ? BinaryPrimitives.ReadInt64LittleEndian(marker) + 1 : 0;
    var stdout = Console.Out;
    while (true)
    {
        store.Write(CrashHistory.Build(seed, next));
        stdout.WriteLine($"ack {next}");
        stdout.Flush();
        next++;
    }
}
