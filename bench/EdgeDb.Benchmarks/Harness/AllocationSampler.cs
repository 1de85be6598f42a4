using System.Diagnostics.Tracing;

namespace EdgeDb.Benchmarks.Harness;

/// <summary>
/// Which types a workload allocates, from the runtime's own sampling: the GC raises an AllocationTick event about
/// every 100 KB allocated, naming the type of the allocation that crossed the mark, so counts are proportional to
/// bytes allocated per type. In-process (an EventListener), so it needs no dotnet-trace. Enabled by --alloc-types.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var typeIndex = e.PayloadNames!.IndexOf("TypeName");
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        var type = typeIndex >= 0 ? e.Payload[typeIndex] as string ?? "?" : "?";
        var amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytesByType)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }

    /// <summary>The sampled bytes per type since the last call, largest first, and starts over.</summary>
    public List<(string Type, long Bytes)> Take(int top)
    {
        lock (_bytesByType)
        {
            var list = _bytesByType.OrderByDescending(p => p.Value).Take(top).Select(p => (p.Key, p.Value)).ToList();
            _bytesByType.Clear();
            return list;
        }
    }
}
