using BenchmarkDotNet.Running;
using EdgeDb.Benchmarks.Soak;

// Micro-benchmarks of hot paths (BenchmarkDotNet), or the LSM soak:
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*MemTable*'
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- soak [GiB] [MemTable MiB] [directory]
if (args.Length > 0 && args[0] == "soak")
{
    return LsmSoak.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
