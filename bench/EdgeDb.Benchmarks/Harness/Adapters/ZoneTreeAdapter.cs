using ZoneTree;
using ZoneTree.Comparers;
using ZoneTree.Options;
using ZoneTree.Serializers;

namespace EdgeDb.Benchmarks.Harness.Adapters;

/// <summary>
/// ZoneTree with byte-array keys and values, its defaults otherwise (a maintainer runs its background merges).
/// Buffered maps to its default asynchronous compressed WAL (strace: 8 pwrite64 for 2,000 puts). Flushed and Synced
/// map to its <c>Sync</c> WAL mode, which writes to the OS on every write but never fsyncs (strace: 503 pwrite64 and
/// no fsync for 500 puts), so in the synced rows it is labelled as such: it is no power-loss guarantee.
/// </summary>
internal sealed class ZoneTreeAdapter : IStoreAdapter
{
    private readonly IZoneTree<byte[], byte[]> _tree;
    private readonly IMaintainer _maintainer;

    public ZoneTreeAdapter(string directory, DurabilityClass durability)
    {
        var mode = durability switch
        {
            DurabilityClass.Buffered => WriteAheadLogMode.AsyncCompressed,
            _ => WriteAheadLogMode.Sync,
        };
        _tree = new ZoneTreeFactory<byte[], byte[]>()
            .SetDataDirectory(directory)
            .SetComparer(new BytesLexicographicComparerAscending())
            .SetKeySerializer(new BytesSerializer())
            .SetValueSerializer(new BytesSerializer())
            // Deletion marks the value empty; the harness never stores an empty value.
            .SetIsDeletedDelegate((in byte[] _, in byte[] value) => value.Length == 0)
            .SetMarkValueDeletedDelegate((ref byte[] value) => value = [])
            .ConfigureWriteAheadLogOptions(wal => wal.WriteAheadLogMode = mode)
            .OpenOrCreate();
        _maintainer = _tree.CreateMaintainer();
        MeetsClass = durability != DurabilityClass.Synced;
        DurabilityLabel = mode switch
        {
            WriteAheadLogMode.AsyncCompressed => "AsyncCompressed WAL (default)",
            _ when durability == DurabilityClass.Synced => "Sync WAL: write, no fsync",
            _ => "Sync WAL",
        };
    }

    public string DurabilityLabel { get; }

    public bool MeetsClass { get; }

    // ZoneTree keeps the arrays it is given in its mutable segment: each write needs arrays of its own.
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => _tree.Upsert(key.ToArray(), value.ToArray());

    public bool TryGet(ReadOnlySpan<byte> key, out int valueLength)
    {
        var found = _tree.TryGet(key.ToArray(), out var value);
        valueLength = value?.Length ?? 0;
        return found;
    }

    public void Delete(ReadOnlySpan<byte> key) => _tree.ForceDelete(key.ToArray());

    public int Scan(ReadOnlySpan<byte> start, int count)
    {
        using var iterator = _tree.CreateIterator(IteratorType.NoRefresh, includeDeletedRecords: false);
        var first = start.ToArray();
        iterator.Seek(in first);
        var read = 0;
        while (read < count && iterator.Next())
        {
            if (iterator.CurrentKey.Length + iterator.CurrentValue.Length == 0)
            {
                throw new InvalidOperationException("empty entry");
            }

            read++;
        }

        return read;
    }

    public void Settle() => _maintainer.WaitForBackgroundThreads();

    public void Dispose()
    {
        _maintainer.WaitForBackgroundThreads();
        _maintainer.Dispose();
        _tree.Dispose();
    }
}
