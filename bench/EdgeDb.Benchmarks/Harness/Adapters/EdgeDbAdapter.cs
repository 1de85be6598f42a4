namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>EdgeDb through its public byte API with default options except the durability level.</summary>
internal sealed class EdgeDbAdapter : IStoreAdapter
{
    private readonly EdgeStore _store;

    public EdgeDbAdapter(string directory, DurabilityClass durability)
    {
        var level = durability switch
        {
            DurabilityClass.Buffered => Durability.Buffered,
            DurabilityClass.Flushed => Durability.Flushed,
            _ => Durability.Synced,
        };
        _store = EdgeStore.Open(directory, new EdgeStoreOptions { Durability = level });
        DurabilityLabel = level.ToString();
    }

    public string DurabilityLabel { get; }

    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => _store.Put(key, value);

    public bool TryGet(ReadOnlySpan<byte> key, out int valueLength)
    {
        var found = _store.TryGet(key, out var value);
        valueLength = value?.Length ?? 0;
        return found;
    }

    public void Delete(ReadOnlySpan<byte> key) => _store.Delete(key);

    public int Scan(ReadOnlySpan<byte> start, int count)
    {
        var read = 0;
        foreach (var entry in _store.Scan(start, []))
        {
            // Touch both so that no store can skip materializing them.
            if (entry.Key.Length + entry.Value.Length == 0)
            {
                throw new InvalidOperationException("empty entry");
            }

            if (++read == count)
            {
                break;
            }
        }

        return read;
    }

    public void Settle() => _store.WaitForBackgroundWork();

    public void Dispose() => _store.Dispose();
}
