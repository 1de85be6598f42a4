using System.Diagnostics.Metrics;

namespace EdgeDb.Diagnostics;

/// <summary>
/// The store's counters on the <c>EdgeDb</c> meter (System.Diagnostics.Metrics), for dotnet-counters,
/// OpenTelemetry or a <see cref="MeterListener"/>.
/// </summary>
public static class EdgeDbMetrics
{
    /// <summary>The name of the meter every EdgeDb counter is on.</summary>
    public const string MeterName = "EdgeDb";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Batches committed (a single put or delete is a batch of one).</summary>
    public static readonly Counter<long> BatchesWritten = Meter.CreateCounter<long>("edgedb.writes", "{batch}", "Batches committed to the WAL");

    /// <summary>Operations committed.</summary>
    public static readonly Counter<long> OperationsWritten = Meter.CreateCounter<long>("edgedb.operations", "{operation}", "Puts and deletes committed");

    /// <summary>Write groups: each is one write call to the WAL shared by the batches in it.</summary>
    public static readonly Counter<long> WriteGroups = Meter.CreateCounter<long>("edgedb.write_groups", "{group}", "Group commits");

    /// <summary>Bytes handed to the OS for the WAL.</summary>
    public static readonly Counter<long> WalBytesWritten = Meter.CreateCounter<long>("edgedb.wal.bytes", "By", "WAL bytes written");

    /// <summary>fsyncs of WAL segments.</summary>
    public static readonly Counter<long> WalSyncs = Meter.CreateCounter<long>("edgedb.wal.syncs", "{fsync}", "WAL fsyncs");

    /// <summary>WAL segments started.</summary>
    public static readonly Counter<long> WalSegmentsCreated = Meter.CreateCounter<long>("edgedb.wal.segments", "{segment}", "WAL segments started");

    /// <summary>Writes refused because the MemTable budget was exhausted.</summary>
    public static readonly Counter<long> WritesRefusedFull = Meter.CreateCounter<long>("edgedb.stalls", "{write}", "Writes refused because the store was full");
}
