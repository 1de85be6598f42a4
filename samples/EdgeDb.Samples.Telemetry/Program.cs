using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using EdgeDb;

// An edge gateway buffering sensor readings while offline, on the embedded default (Durability.Flushed):
// it writes readings in batches, reads one back, scans one device's readings in time order, prunes the
// oldest, then reopens the store to show that everything acknowledged is still there.
var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "edgedb-telemetry-sample");
if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

const int devices = 20;
const int readingsPerDevice = 500;
var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

var clock = Stopwatch.StartNew();
using (var store = EdgeStore.Open(directory))
{
    var batch = new WriteBatch();
    for (var minute = 0; minute < readingsPerDevice; minute++)
    {
        batch.Clear();
        for (var device = 0; device < devices; device++)
        {
            var celsius = 20 + (10 * Math.Sin((device + minute) / 30.0));
            batch.Put(ReadingKey($"gw-{device:D2}", start.AddMinutes(minute)), BitConverter.GetBytes(celsius));
        }

        store.Write(batch); // one atomic batch per minute of readings
    }

    Console.WriteLine($"wrote {devices * readingsPerDevice:N0} readings in {clock.ElapsedMilliseconds} ms");

    if (store.TryGet(ReadingKey("gw-07", start.AddMinutes(42)), out var value))
    {
        Console.WriteLine($"gw-07 at 00:42 read {BitConverter.ToDouble(value):F2} °C");
    }

    var count = 0;
    double sum = 0;
    foreach (var entry in store.ScanPrefix(DevicePrefix("gw-07")))
    {
        count++;
        sum += BitConverter.ToDouble(entry.Value.Span);
    }

    Console.WriteLine($"gw-07 has {count} readings, mean {sum / count:F2} °C (prefix scan, time order)");

    // Prune the first hour of one device: a range scan collects the keys, one batch deletes them.
    var prune = new WriteBatch();
    foreach (var entry in store.Scan(ReadingKey("gw-03", start), ReadingKey("gw-03", start.AddHours(1))))
    {
        prune.Delete(entry.Key.Span);
    }

    store.Write(prune);
    Console.WriteLine($"pruned {prune.Count} readings of gw-03");
}

using (var reopened = EdgeStore.Open(directory))
{
    var total = reopened.Scan([], []).Count();
    Console.WriteLine($"after reopen: {total:N0} readings, last sequence {reopened.LastSequence:N0}");
    if (total != (devices * readingsPerDevice) - 60)
    {
        Console.Error.WriteLine("unexpected count after reopen");
        return 1;
    }
}

return 0;

// Key: device id (UTF-8, then a 0 terminator) + big-endian Unix milliseconds, so bytewise order is
// (device, time) order and a device's readings form one prefix.
static byte[] ReadingKey(string deviceId, DateTimeOffset timestamp)
{
    var prefix = DevicePrefix(deviceId);
    var key = new byte[prefix.Length + 8];
    prefix.CopyTo(key, 0);
    BinaryPrimitives.WriteInt64BigEndian(key.AsSpan(prefix.Length), timestamp.ToUnixTimeMilliseconds());
    return key;
}

static byte[] DevicePrefix(string deviceId) => [.. Encoding.UTF8.GetBytes(deviceId), 0];
