using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdgeDb.Diagnostics;

namespace EdgeDb.Benchmarks.Soak;

/// <summary>
/// Writes a large data set through a fixed MemTable and reports what it cost: throughput, write amplification
/// (WAL + flush + compaction bytes over user bytes), space on disk and peak RSS. Figures go to docs/lsm.md.
///   dotnet run -c Release --project bench/EdgeDb.Benchmarks -- soak [GiB=2] [MemTable MiB=64] [directory]
/// </summary>
internal static class LsmSoak
{
    public static int Run(string[] args)
    {
        var gib = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
        var memTableMiB = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 64;
        var directory = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "edgedb-soak");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var counters = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EdgeDbMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counters)
            {
                counters[instrument.Name] = counters.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();

        const int keySize = 16, valueSize = 100, perBatch = 100;
        var userBytes = (long)(gib * 1024 * 1024 * 1024);
        var options = new EdgeStoreOptions { MemTableSizeBytes = memTableMiB * 1024L * 1024 };
        var clock = Stopwatch.StartNew();
        long written = 0;
        long tableBytesAtEnd;
        using (var store = EdgeStore.Open(directory, options))
        {
            var random = new Random(7);
            var batch = new WriteBatch();
            var key = new byte[keySize];
            var value = new byte[valueSize];
            while (written < userBytes)
            {
                batch.Clear();
                for (var i = 0; i < perBatch; i++)
                {
                    random.NextBytes(key);
                    random.NextBytes(value);
                    batch.Put(key, value);
                }

                store.Write(batch);
                written += perBatch * (keySize + valueSize);
            }

            var writeSeconds = clock.Elapsed.TotalSeconds;
            store.WaitForBackgroundWork();
            tableBytesAtEnd = Directory.GetFiles(directory, "*.sst").Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"wrote {written / (1024.0 * 1024):N0} MiB of user data ({written / (keySize + valueSize):N0} entries, {keySize} B keys, {valueSize} B values) in {writeSeconds:N1} s ({written / (1024.0 * 1024) / writeSeconds:N1} MiB/s); background work done at {clock.Elapsed.TotalSeconds:N1} s");
        }

        listener.RecordObservableInstruments();
        long Counter(string name) => counters.GetValueOrDefault(name);
        var wal = Counter("edgedb.wal.bytes");
        var compactionWritten = Counter("edgedb.compaction.bytes_written");
        var flushed = TableBytesFlushed(counters);
        var disk = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
        var peak = PeakRss();
        Console.WriteLine($"MemTable {memTableMiB} MiB | flushes {Counter("edgedb.flushes")} | compactions {Counter("edgedb.compactions")} | stalls {Counter("edgedb.stalls")}");
        Console.WriteLine($"WAL bytes {wal / (1024.0 * 1024):N0} MiB | compaction read {Counter("edgedb.compaction.bytes_read") / (1024.0 * 1024):N0} MiB, written {compactionWritten / (1024.0 * 1024):N0} MiB");
        Console.WriteLine($"write amplification (WAL + tables flushed + compaction output) / user bytes: {(wal + flushed + compactionWritten) / (double)written:N2}");
        Console.WriteLine($"tables on disk {tableBytesAtEnd / (1024.0 * 1024):N0} MiB, whole directory {disk / (1024.0 * 1024):N0} MiB (space amplification {disk / (double)written:N2})");
        Console.WriteLine($"peak RSS {peak / (1024.0 * 1024):N0} MiB");
        return 0;
    }

    private static long TableBytesFlushed(Dictionary<string, long> counters) => counters.GetValueOrDefault("edgedb.flush.bytes");

    private static long PeakRss()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.WorkingSet;
        }

        var line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
