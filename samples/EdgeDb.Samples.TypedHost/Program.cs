using EdgeDb.Samples.TypedHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The typed layer on the Generic Host: AddEdgeDb (generated for this assembly) registers the store and every
// generated repository; the worker gets SensorReadingRepository injected. Runs the same under Native AOT.
var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "edgedb-typed-host-sample");
if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddEdgeDb(directory, options => options.Durability = EdgeDb.Durability.Flushed);
builder.Services.AddHostedService<TelemetryWorker>();
using var host = builder.Build();
await host.RunAsync();
