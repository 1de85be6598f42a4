namespace EdgeDb.Tables;

/// <summary>
/// A byte-budget LRU cache of decompressed, CRC-checked blocks shared by every table of a store, keyed by
/// (file number, block offset). File numbers are never reused, so an entry can never describe other bytes;
/// <see cref="Evict"/> only gives back the memory of a deleted table early. Thread-safe: one short lock per
/// operation, never held during I/O.
/// </summary>
internal sealed class BlockCache
{
    /// <summary>What an entry costs beyond its bytes: the node, the dictionary slot and the block object.</summary>
    internal const int EntryOverheadBytes = 160;

    private readonly Dictionary<CacheKey, Node> _entries = [];
    private readonly Lock _lock = new();
    private Node? _newest;
    private Node? _oldest;
    private long _usedBytes;
    private long _hits;
    private long _misses;
    private long _evictions;

    public BlockCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
    }

    public long CapacityBytes { get; }

    public long UsedBytes => Volatile.Read(ref _usedBytes);

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public static long ChargeOf(Block block) => block.Data.Length + EntryOverheadBytes;

    public bool TryGet(ulong fileNumber, long offset, out Block block)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(new CacheKey(fileNumber, offset), out var node))
            {
                MoveToFront(node);
                _hits++;
                block = node.Block;
                return true;
            }

            _misses++;
        }

        block = null!;
        return false;
    }

    /// <summary>Caches a block, evicting the least recently used ones to stay within budget. A block larger than
    /// the whole budget is not cached. When another reader cached the same block first, that one is kept.</summary>
    public void Insert(ulong fileNumber, long offset, Block block)
    {
        var charge = ChargeOf(block);
        if (charge > CapacityBytes)
        {
            return;
        }

        lock (_lock)
        {
            var key = new CacheKey(fileNumber, offset);
            if (_entries.ContainsKey(key))
            {
                return;
            }

            while (_usedBytes + charge > CapacityBytes && _oldest is not null)
            {
                Remove(_oldest);
                _evictions++;
            }

            var node = new Node(key, block, charge);
            _entries.Add(key, node);
            AddToFront(node);
            Volatile.Write(ref _usedBytes, _usedBytes + charge);
        }
    }

    /// <summary>Drops every block of a table, for a table file that was deleted.</summary>
    public void Evict(ulong fileNumber)
    {
        lock (_lock)
        {
            for (var node = _oldest; node is not null;)
            {
                var newer = node.Newer;
                if (node.Key.FileNumber == fileNumber)
                {
                    Remove(node);
                }

                node = newer;
            }
        }
    }

    private void Remove(Node node)
    {
        _entries.Remove(node.Key);
        Unlink(node);
        Volatile.Write(ref _usedBytes, _usedBytes - node.Charge);
    }

    private void MoveToFront(Node node)
    {
        if (node == _newest)
        {
            return;
        }

        Unlink(node);
        AddToFront(node);
    }

    private void AddToFront(Node node)
    {
        node.Older = _newest;
        node.Newer = null;
        if (_newest is not null)
        {
            _newest.Newer = node;
        }

        _newest = node;
        _oldest ??= node;
    }

    private void Unlink(Node node)
    {
        if (node.Older is not null)
        {
            node.Older.Newer = node.Newer;
        }
        else
        {
            _oldest = node.Newer;
        }

        if (node.Newer is not null)
        {
            node.Newer.Older = node.Older;
        }
        else
        {
            _newest = node.Older;
        }

        node.Older = null;
        node.Newer = null;
    }

    private readonly record struct CacheKey(ulong FileNumber, long Offset);

    private sealed class Node(CacheKey key, Block block, long charge)
    {
        public CacheKey Key { get; } = key;

        public Block Block { get; } = block;

        public long Charge { get; } = charge;

        public Node? Older { get; set; }

        public Node? Newer { get; set; }
    }
}
