using System.Numerics;

namespace EdgeDb.Tables;

/// <summary>
/// A byte-budget LRU cache of decompressed, CRC-checked blocks shared by every table of a store, keyed by
/// (file number, block offset). File numbers are never reused, so an entry can never describe other bytes;
/// <see cref="Evict"/> only gives back the memory of a deleted table early. Thread-safe: one short lock per
/// operation, never held during I/O.
/// </summary>
/// <remarks>
/// <para>
/// Admission: while the cache has room every miss is cached; once it is full, a block is cached only on its second
/// miss within a recent window (<see cref="AdmitOnMiss"/>). A
/// small, fixed, allocation-free "ghost" table remembers a fingerprint of each recently missed (file number,
/// offset); a miss whose fingerprint is there is admitted, any other miss only leaves its fingerprint. With
/// reads spread uniformly over far more blocks than the cache holds, caching every miss would only churn: each
/// insert evicts a block no more likely to be read again, and every evicted block becomes gen2 garbage. Under
/// the admission rule a block read once costs no cache insert, while a block read again soon (a hot block, or
/// the blocks of a range scanned twice) gets in on its second miss.
/// </para>
/// <para>
/// The ghost holds a quarter as many fingerprints as the cache holds blocks of the default 4 KiB size, so
/// "recent" means "within about a quarter of a cache's worth of misses". It is set-associative: a fingerprint's top bits pick a
/// bucket of four, which forgets its oldest fingerprint first. A fingerprint lost early (a crowded bucket,
/// or two threads writing one bucket at once) only delays an admission by a miss, never causes a wrong answer.
/// </para>
/// </remarks>
internal sealed class BlockCache
{
    /// <summary>What an entry costs beyond its bytes: the node, the dictionary slot and the block object.</summary>
    internal const int EntryOverheadBytes = 160;

    private const int NominalBlockBytes = 4096;
    private const int MinGhostSlots = 64;
    private const int GhostWays = 4;

    /// <summary>
    /// The ghost remembers a quarter of the cache's worth of misses. Under uniform random reads over D blocks, a
    /// window of W misses admits about W / D of the misses, all of them useless churn, so a smaller window churns
    /// less; a block missed twice within a quarter of a cache's worth of misses is hot by any measure, and a
    /// working set the size of the cache still gets in after a few misses per block. Measured (readrandom, N = 1M,
    /// 32 MiB cache over ~120 MiB of tables): a full cache's worth allocated 917 B/op with 70/70/16 collections,
    /// a quarter 405 B/op with 30/30/6.
    /// </summary>
    private const int GhostFraction = 4;
    private const int MaxGhostSlots = 1 << 20;

    private readonly Dictionary<CacheKey, Node> _entries = [];
    private readonly Lock _lock = new();
    private readonly long[] _ghost;
    private readonly int _ghostShift;
    private Node? _newest;
    private Node? _oldest;
    private long _usedBytes;
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _admissions;

    public BlockCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        CapacityBytes = capacityBytes;
        var blocks = Math.Clamp(capacityBytes / (NominalBlockBytes + EntryOverheadBytes) / GhostFraction, MinGhostSlots, MaxGhostSlots);
        _ghost = new long[(int)BitOperations.RoundUpToPowerOf2((uint)blocks)];
        _ghostShift = 64 - BitOperations.Log2((uint)(_ghost.Length / GhostWays));
    }

    public long CapacityBytes { get; }

    public long UsedBytes => Volatile.Read(ref _usedBytes);

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Misses that <see cref="AdmitOnMiss"/> let in (a second recent miss of the same block).</summary>
    public long Admissions => Interlocked.Read(ref _admissions);

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

    /// <summary>
    /// Called after a miss, before caching the block read for it (<paramref name="blockBytes"/> long): true while
    /// the cache has room for it, or when the same block missed recently (then insert it), false otherwise (then do not; its fingerprint is remembered for the next miss). Lock-free
    /// and allocation-free; races between threads can only admit a block once too often or too late.
    /// </summary>
    public bool AdmitOnMiss(ulong fileNumber, long offset, int blockBytes)
    {
        // Room left: caching evicts nothing, so there is no churn to avoid, and a store whose reads fit the cache
        // warms in one miss per block.
        if (Volatile.Read(ref _usedBytes) + blockBytes + EntryOverheadBytes <= CapacityBytes)
        {
            Interlocked.Increment(ref _admissions);
            return true;
        }

        var hash = (long)Fingerprint(fileNumber, offset);
        var bucket = (int)((ulong)hash >> _ghostShift) * GhostWays;
        for (var way = 0; way < GhostWays; way++)
        {
            if (Volatile.Read(ref _ghost[bucket + way]) == hash)
            {
                // Cleared so a block evicted later needs two fresh misses again, as a block never seen would.
                Interlocked.CompareExchange(ref _ghost[bucket + way], 0, hash);
                Interlocked.Increment(ref _admissions);
                return true;
            }
        }

        // Newest first: the oldest fingerprint of the bucket falls out, so a bucket forgets in miss order.
        for (var way = GhostWays - 1; way > 0; way--)
        {
            Volatile.Write(ref _ghost[bucket + way], Volatile.Read(ref _ghost[bucket + way - 1]));
        }

        Volatile.Write(ref _ghost[bucket], hash);
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

    /// <summary>
    /// A well-mixed 64-bit hash, never zero (zero marks an empty ghost slot); its top bits pick the bucket, so
    /// forcing the lowest bit costs nothing.
    /// </summary>
    private static ulong Fingerprint(ulong fileNumber, long offset)
    {
        var x = (fileNumber * 0x9E3779B97F4A7C15UL) ^ (ulong)offset;
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x | 1;
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
