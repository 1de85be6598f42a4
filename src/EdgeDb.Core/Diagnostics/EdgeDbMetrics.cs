using System.Diagnostics.Metrics;

namespace EdgeDb.Diagnostics;

/// <summary>
/// The store's counters on the <c>EdgeDb</c> meter (System.Diagnostics.Metrics), for dotnet-counters,
/// OpenTelemetry or a <see cref="MeterListener"/>: subscribe by <see cref="MeterName"/>. The instruments are the
/// store's own (docs/durability.md lists them); nobody else can add to them.
/// </summary>
public static class EdgeDbMetrics
{
    /// <summary>The name of the meter every EdgeDb counter is on.</summary>
    public const string MeterName = "EdgeDb";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Batches committed (a single put or delete is a batch of one).</summary>
    internal static readonly Counter<long> BatchesWritten = Meter.CreateCounter<long>("edgedb.writes", "{batch}", "Batches committed to the WAL");

    /// <summary>Operations committed.</summary>
    internal static readonly Counter<long> OperationsWritten = Meter.CreateCounter<long>("edgedb.operations", "{operation}", "Puts and deletes committed");

    /// <summary>Write groups: each is one write call to the WAL shared by the batches in it.</summary>
    internal static readonly Counter<long> WriteGroups = Meter.CreateCounter<long>("edgedb.write_groups", "{group}", "Group commits");

    /// <summary>Bytes handed to the OS for the WAL.</summary>
    internal static readonly Counter<long> WalBytesWritten = Meter.CreateCounter<long>("edgedb.wal.bytes", "By", "WAL bytes written");

    /// <summary>Zero bytes written ahead of the WAL's records so that synced commits overwrite allocated blocks.</summary>
    internal static readonly Counter<long> WalBytesPreallocated = Meter.CreateCounter<long>("edgedb.wal.preallocated_bytes", "By", "WAL bytes zero-filled ahead of the records");

    /// <summary>fsyncs of WAL segments.</summary>
    internal static readonly Counter<long> WalSyncs = Meter.CreateCounter<long>("edgedb.wal.syncs", "{fsync}", "WAL fsyncs");

    /// <summary>WAL segments started.</summary>
    internal static readonly Counter<long> WalSegmentsCreated = Meter.CreateCounter<long>("edgedb.wal.segments", "{segment}", "WAL segments started");

    /// <summary>Times a write group waited for a flush or for level-0 compaction (back-pressure).</summary>
    internal static readonly Counter<long> WriteStalls = Meter.CreateCounter<long>("edgedb.stalls", "{stall}", "Write groups delayed by flush or compaction back-pressure");

    /// <summary>MemTables flushed to level-0 tables.</summary>
    internal static readonly Counter<long> Flushes = Meter.CreateCounter<long>("edgedb.flushes", "{flush}", "MemTables flushed to tables");

    /// <summary>Table bytes written by flushes.</summary>
    internal static readonly Counter<long> FlushBytes = Meter.CreateCounter<long>("edgedb.flush.bytes", "By", "Table bytes written by flushes");

    /// <summary>Compactions run.</summary>
    internal static readonly Counter<long> Compactions = Meter.CreateCounter<long>("edgedb.compactions", "{compaction}", "Compactions run");

    /// <summary>Table bytes read by compactions.</summary>
    internal static readonly Counter<long> CompactionBytesRead = Meter.CreateCounter<long>("edgedb.compaction.bytes_read", "By", "Table bytes read by compactions");

    /// <summary>Table bytes written by compactions.</summary>
    internal static readonly Counter<long> CompactionBytesWritten = Meter.CreateCounter<long>("edgedb.compaction.bytes_written", "By", "Table bytes written by compactions");
}
