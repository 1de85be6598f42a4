using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeDb.Samples.TypedHost;

/// <summary>
/// Buffers readings through the generated repository (injected by the generated AddEdgeDb), reads them back by
/// key, by device and by room, then stops the host.
/// </summary>
internal sealed partial class TelemetryWorker(SensorReadingRepository readings, IHostApplicationLifetime lifetime, ILogger<TelemetryWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Run();
        }
        finally
        {
            lifetime.StopApplication();
        }

        return Task.CompletedTask;
    }

    private void Run()
    {
        Console.WriteLine($"started in {(DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds:F0} ms (process start to first store access)");
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        for (var minute = 0; minute < 100; minute++)
        {
            // One atomic batch per minute: every device's reading, with their index entries.
            readings.PutMany(Enumerable.Range(0, 20).Select(device =>
                new SensorReading($"gw-{device:D2}", start.AddMinutes(minute), device % 2 == 0 ? "hall" : "lab", 20 + (10 * Math.Sin((device + minute) / 30.0)))));
        }

        LogWrote(logger, 2000, clock.ElapsedMilliseconds);

        if (readings.TryGet("gw-07", start.AddMinutes(42), out var reading))
        {
            Console.WriteLine($"gw-07 at 00:42 read {reading.Celsius:F2} °C in the {reading.Room}");
        }

        var gw07 = readings.ScanByDeviceId("gw-07").ToList();
        Console.WriteLine($"gw-07 has {gw07.Count} readings, first {gw07[0].Timestamp:HH:mm}, last {gw07[^1].Timestamp:HH:mm} (key order)");
        Console.WriteLine($"the lab has {readings.FindByRoom("lab").Count()} readings (secondary index)");
        Console.WriteLine($"deleted one: {readings.Delete("gw-07", start)}; again: {readings.Delete("gw-07", start)}");
        Console.WriteLine($"all: {readings.All().Count()} readings");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Count} readings in {Milliseconds} ms")]
    private static partial void LogWrote(ILogger logger, int count, long milliseconds);
}
