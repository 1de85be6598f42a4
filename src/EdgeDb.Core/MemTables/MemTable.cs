using EdgeDb.Format;
namespace EdgeDb.MemTables;

/// <summary>
/// The in-memory sorted table of recent writes: a skip list ordered by key (bytewise) and then by sequence
/// number, newest first. Every write adds a node (an overwrite or a delete is a newer version, never an
/// in-place change), so readers that filter by a sequence number see a consistent snapshot.
/// </summary>
/// <remarks>
/// One writer at a time (the store's commit leader) and any number of readers without locks: a node is
/// fully built before it is published into each level with a release write, and readers follow links with
/// acquire reads, so a reader sees either the old list or the list with the complete new node.
/// Insert and lookup are O(log n) expected. Nodes live in an arena of large byte arrays and link to each other by
/// 32-bit positions (docs/memtable.md), so an insert allocates nothing on the managed heap.
/// </remarks>
internal sealed class MemTable
{
    /// <summary>Enough levels for about 4^16 entries at branching factor 4.</summary>
    internal const int MaxHeight = 16;

    /// <summary>The position of the head node, which nothing links to; in a link it means "none".</summary>
    private const int None = 0;

    private readonly MemTableArena _arena = new();
    private readonly MemTableFilter _filter;
    private readonly MemTableHashIndex _index;
    private readonly MemTableEntry _head;

    // Scratch space of the single writer, kept to spare an allocation per insert.
    private readonly int[] _predecessors = new int[MaxHeight];
    private int _height = 1;
    private long _approximateBytes;
    private long _count;
    private uint _random = 0x2545F491;
    private ulong _frozenAtSequence = ulong.MaxValue;

    /// <param name="budgetBytes">The size at which the store freezes this MemTable (<see cref="EdgeStoreOptions.MemTableSizeBytes"/>); sizes its filter and hash index.</param>
    public MemTable(long budgetBytes = 64 * 1024)
    {
        _filter = new MemTableFilter(budgetBytes);
        _index = new MemTableHashIndex(budgetBytes);
        var position = _arena.Allocate(MemTableEntry.SizeOf(MaxHeight, 0, 0), out var slab, out var offset);
        System.Diagnostics.Debug.Assert(position == None, "The head is the arena's first node.");
        _head = MemTableEntry.Write(slab, offset, 0, 0, EntryKind.Put, MaxHeight, [], []);
    }

    /// <summary>
    /// The last sequence number written into this MemTable, once it is frozen; <see cref="ulong.MaxValue"/> while it
    /// is active. A read state taken before the freeze must not claim writes after it (they are elsewhere).
    /// </summary>
    public ulong FrozenAtSequence => Volatile.Read(ref _frozenAtSequence);

    /// <summary>Marks the MemTable frozen at <paramref name="sequence"/>; called before the freeze is published.</summary>
    public void MarkFrozen(ulong sequence) => Volatile.Write(ref _frozenAtSequence, sequence);

    /// <summary>Bytes the entries' nodes take in the arena (docs/memtable.md, "Size accounting"); the filter is not counted.</summary>
    public long ApproximateBytes => Volatile.Read(ref _approximateBytes);

    /// <summary>True once the hash index left a key out for want of room (lookups then fall back to the skip list).</summary>
    internal bool HashIndexFull => _index.IsFull;

    /// <summary>The number of versions held (every put and delete is one).</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Adds a version. Only one thread may call this at a time.</summary>
    public void Add(ulong sequence, EntryKind kind, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var height = RandomHeight();
        if (kind == EntryKind.Delete)
        {
            value = default;
        }

        var size = MemTableEntry.SizeOf(height, key.Length, value.Length);
        var keyPrefix = KeyDigest.Prefix(key);
        var position = _arena.Allocate(size, out var slab, out var offset);
        var node = MemTableEntry.Write(slab, offset, keyPrefix, sequence, kind, height, key, value);
        var hash = KeyDigest.Hash(key);
        _filter.Add(hash);

        var predecessors = _predecessors;
        FindGreaterOrEqual(key, keyPrefix, sequence, predecessors);

        var currentHeight = Volatile.Read(ref _height);
        if (height > currentHeight)
        {
            for (var level = currentHeight; level < height; level++)
            {
                predecessors[level] = None;
            }

            // Readers that see the new height before the links only find empty links from the head there,
            // which they treat as the end of that level and drop down: harmless.
            Volatile.Write(ref _height, height);
        }

        for (var level = 0; level < height; level++)
        {
            ref var link = ref EntryAt(predecessors[level]).Link(level);
            node.Link(level) = link;

            // Release: the node's bytes (and its slab in the directory) are visible before its position is.
            Volatile.Write(ref link, position);
        }

        // After the links: a reader that finds the position may walk on from it to older versions.
        _index.Add(hash, key, position, _arena);

        Interlocked.Add(ref _approximateBytes, size);
        Interlocked.Increment(ref _count);
    }

    /// <summary>
    /// Finds the newest version of <paramref name="key"/> with a sequence number at or below
    /// <paramref name="snapshot"/>. False when the key has no such version (a tombstone is found and returned).
    /// </summary>
    public bool TryGetVersion(ReadOnlySpan<byte> key, ulong snapshot, out MemTableEntry entry) =>
        TryGetVersion(key, KeyDigest.Hash(key), snapshot, out entry);

    /// <summary>
    /// <see cref="TryGetVersion(ReadOnlySpan{byte}, ulong, out MemTableEntry)"/> with the key's
    /// <see cref="KeyDigest.Hash"/> already computed (a point read computes it once for every source it asks).
    /// </summary>
    public bool TryGetVersion(ReadOnlySpan<byte> key, ulong hash, ulong snapshot, out MemTableEntry entry)
    {
        entry = default;
        if (!_filter.MayContain(hash))
        {
            return false;
        }

        var newest = _index.Find(hash, key, _arena);
        if (newest == MemTableHashIndex.Unknown)
        {
            return TryGetVersionBySearch(key, snapshot, out entry);
        }

        if (newest == None)
        {
            return false;
        }

        // Older versions of a key follow its newest on the bottom level, newest first.
        var candidate = _arena.Resolve(newest);
        while (candidate.Sequence > snapshot)
        {
            candidate = Next(candidate);
            if (!candidate.Exists || !candidate.Key.SequenceEqual(key))
            {
                return false;
            }
        }

        entry = candidate;
        return true;
    }

    /// <summary>What <see cref="TryGetVersion(ReadOnlySpan{byte}, ulong, ulong, out MemTableEntry)"/> does without the hash index: a descent of the skip list.</summary>
    internal bool TryGetVersionBySearch(ReadOnlySpan<byte> key, ulong snapshot, out MemTableEntry entry)
    {
        var position = FindGreaterOrEqual(key, KeyDigest.Prefix(key), snapshot, default);
        if (position != None)
        {
            var candidate = _arena.Resolve(position);
            if (candidate.Key.SequenceEqual(key))
            {
                entry = candidate;
                return true;
            }
        }

        entry = default;
        return false;
    }

    /// <summary>
    /// The first entry at or after (<paramref name="key"/>, <paramref name="snapshot"/>), the first of all when the key
    /// is empty; one that does not <see cref="MemTableEntry.Exists"/> when there is none.
    /// </summary>
    public MemTableEntry Seek(ReadOnlySpan<byte> key, ulong snapshot) =>
        EntryOrNone(key.IsEmpty ? Volatile.Read(ref _head.Link(0)) : FindGreaterOrEqual(key, KeyDigest.Prefix(key), snapshot, default));

    /// <summary>The entry after <paramref name="entry"/> in order; one that does not exist at the end.</summary>
    public MemTableEntry Next(MemTableEntry entry) => EntryOrNone(Volatile.Read(ref entry.Link(0)));

    /// <summary>Internal order: key ascending, then sequence number descending (newest version first).</summary>
    internal static int Compare(MemTableEntry node, ReadOnlySpan<byte> key, ulong keyPrefix, ulong sequence)
    {
        // Unequal prefixes order the keys as the bytes do; equal prefixes (shared first 8 bytes, or a short key
        // and its zero-padded extension) need the full comparison.
        var nodePrefix = node.KeyPrefix;
        if (nodePrefix != keyPrefix)
        {
            return nodePrefix < keyPrefix ? -1 : 1;
        }

        return InternalKey.Compare(node.Key, node.Sequence, key, sequence);
    }

    private MemTableEntry EntryAt(int position) => position == None ? _head : _arena.Resolve(position);

    private MemTableEntry EntryOrNone(int position) => position == None ? default : _arena.Resolve(position);

    private int FindGreaterOrEqual(ReadOnlySpan<byte> key, ulong keyPrefix, ulong sequence, Span<int> predecessors)
    {
        var current = _head;
        var currentPosition = None;
        var level = Volatile.Read(ref _height) - 1;
        while (true)
        {
            var nextPosition = Volatile.Read(ref current.Link(level));
            if (nextPosition != None)
            {
                var next = _arena.Resolve(nextPosition);
                if (Compare(next, key, keyPrefix, sequence) < 0)
                {
                    current = next;
                    currentPosition = nextPosition;
                    continue;
                }
            }

            if (!predecessors.IsEmpty)
            {
                predecessors[level] = currentPosition;
            }

            if (level == 0)
            {
                return nextPosition;
            }

            level--;
        }
    }

    private int RandomHeight()
    {
        // xorshift32: the writer is single-threaded, so a plain field is enough.
        var height = 1;
        while (height < MaxHeight)
        {
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            if ((_random & 3) != 0)
            {
                break;
            }

            height++;
        }

        return height;
    }
}
