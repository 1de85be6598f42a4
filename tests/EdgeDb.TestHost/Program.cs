using System.Buffers.Binary;
using EdgeDb;
using EdgeDb.TestHost;

// A child process for tests that need a second process or a real crash:
//   write <dir> <seed> <durability> : continues the CrashHistory where the store left off, printing
//                                      "ack <i>" after batch i's Write returned, until killed.
//   hold <dir>                       : opens the store, prints "ready", and keeps it open until stdin closes.
//   transfer <dir> <seed>            : commits transactions moving money between 16 accounts and logging each transfer
//                                      ("log/NNNNNNNN" = "from to amount"), printing "ack <i>" after transfer i's Commit
//                                      returned, until killed; a 64 KiB MemTable keeps flushes and compactions going.
//   open <dir>                       : tries to open the store and prints "opened", or the exception type and then its message.
//   write-small <dir> <seed> <durability> : as write, with a 64 KiB MemTable so flushes and compactions run all the time.
//   fill <dir> <MiB> <memtable KiB>  : writes MiB of 100-byte values under random 16-byte keys, then prints
//                                      "peak-rss <bytes> tables <n> retained <managed bytes after a full GC>".
var mode = args.Length > 0 ? args[0] : "";
switch (mode)
{
    case "write":
        Write(args[1], int.Parse(args[2]), Enum.Parse<Durability>(args[3]), memTableBytes: 1L << 30);
        break;
    case "write-small":
        Write(args[1], int.Parse(args[2]), Enum.Parse<Durability>(args[3]), memTableBytes: 64 * 1024);
        break;
    case "transfer":
        Transfer(args[1], int.Parse(args[2]));
        break;
    case "fill":
        Fill(args[1], long.Parse(args[2]) * 1024 * 1024, long.Parse(args[3]) * 1024);
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
            Console.WriteLine(ex.Message);
        }

        break;
    default:
        Console.Error.WriteLine("usage: write|write-small <dir> <seed> <durability> | hold <dir> | open <dir> | fill <dir> <MiB> <memtable KiB>");
        return 2;
}

return 0;

static void Fill(string directory, long bytes, long memTableBytes)
{
    var options = new EdgeStoreOptions { MemTableSizeBytes = memTableBytes, BlockCacheSizeBytes = 4L * 1024 * 1024, Durability = Durability.Buffered };
    using (var store = EdgeStore.Open(directory, options))
    {
        var random = new Random(1);
        var batch = new WriteBatch();
        var key = new byte[16];
        var value = new byte[100];
        for (long written = 0; written < bytes; written += 116 * 100)
        {
            batch.Clear();
            for (var i = 0; i < 100; i++)
            {
                random.NextBytes(key);
                random.NextBytes(value);
                batch.Put(key, value);
            }

            store.Write(batch);
        }

        store.WaitForBackgroundWork();

        // What the open store really keeps, as opposed to what the GC has not given back yet.
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        var peak = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kib = long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Console.WriteLine($"peak-rss {kib * 1024} tables {Directory.GetFiles(directory, "*.sst").Length} retained {retained}");
    }
}

static void Write(string directory, int seed, Durability durability, long memTableBytes)
{
    using var store = EdgeStore.Open(directory, new EdgeStoreOptions { Durability = durability, WalSegmentSizeBytes = 256 * 1024, MemTableSizeBytes = memTableBytes });
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

static void Transfer(string directory, int seed)
{
    using var store = EdgeStore.Open(directory, new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024, WalSegmentSizeBytes = 64 * 1024 });
    if (!store.ContainsKey(TransferModel.Account(0)))
    {
        var accounts = new WriteBatch();
        for (var a = 0; a < TransferModel.Accounts; a++)
        {
            accounts.Put(TransferModel.Account(a), TransferModel.Amount(TransferModel.Initial));
        }

        store.Write(accounts);
    }

    var next = store.ScanPrefix("log/"u8).Count();
    var random = new Random(seed + next);
    var stdout = Console.Out;
    while (true)
    {
        var from = random.Next(TransferModel.Accounts);
        var to = (from + 1 + random.Next(TransferModel.Accounts - 1)) % TransferModel.Accounts;
        var amount = 1 + random.Next(50);
        using (var tx = store.BeginTransaction())
        {
            tx.TryGet(TransferModel.Account(from), out var fromBalance);
            tx.TryGet(TransferModel.Account(to), out var toBalance);
            tx.Put(TransferModel.Account(from), TransferModel.Amount(TransferModel.Read(fromBalance!) - amount));
            tx.Put(TransferModel.Account(to), TransferModel.Amount(TransferModel.Read(toBalance!) + amount));
            tx.Put(TransferModel.Log(next), System.Text.Encoding.UTF8.GetBytes($"{from} {to} {amount}"));
            tx.Commit();
        }

        stdout.WriteLine($"ack {next}");
        stdout.Flush();
        next++;
    }
}
