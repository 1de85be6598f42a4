namespace EdgeDb.Benchmarks.Harness;

/// <summary>One measured workload of one store, as a child process reports it to the parent (one JSON line).</summary>
internal sealed record WorkloadResult
{
    public required string Store { get; init; }

    /// <summary>The class asked for (Buffered, Flushed, Synced), for like-with-like comparisons.</summary>
    public required string Class { get; init; }

    /// <summary>What the store does at that class, in its own terms.</summary>
    public required string Durability { get; init; }

    /// <summary>False when the store cannot keep the class's promise (see IStoreAdapter.MeetsClass).</summary>
    public bool MeetsClass { get; init; } = true;

    public required string Workload { get; init; }

    public required int Threads { get; init; }

    /// <summary>Operations asked for, and done (fewer when the time cap stopped the workload).</summary>
    public required long Planned { get; init; }

    public required long Done { get; init; }

    public required double Seconds { get; init; }

    public double OpsPerSecond => Seconds > 0 ? Done / Seconds : 0;

    public required long BytesOnDisk { get; init; }

    public required long PeakRssBytes { get; init; }

    /// <summary>Anything the reader must know, e.g. a time cap or a count that does not match.</summary>
    public string? Note { get; init; }
}
