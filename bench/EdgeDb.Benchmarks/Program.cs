using BenchmarkDotNet.Running;
using EdgeDb.Benchmarks.Harness;
using EdgeDb.Benchmarks.Soak;

// Micro-benchmarks of hot paths (BenchmarkDotNet), or the LSM soak:
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*MemTable*'
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- soak [GiB] [MemTable MiB] [directory]
// or the peer harness (EdgeDb against RocksDB, ZoneTree, SQLite and LiteDB; see docs/benchmarks.md):
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- peers [--n 1000000] [--stores ...] [--workloads ...]
switch (args.Length > 0 ? args[0] : null)
{
    case "soak":
        return LsmSoak.Run(args);
    case "peers":
        return PeerCommand.Run(args);
    case "peers-report":
        return PeerCommand.Render(args);
    case "peers-child":
        return ChildRun.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
