using BenchmarkDotNet.Running;

// Micro-benchmarks of hot paths. Run all, or pick with a filter:
//   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- --filter '*MemTable*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
