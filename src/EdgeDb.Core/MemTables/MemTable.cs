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
/// Insert and lookup are O(log n) expected.
/// </remarks>
internal sealed class MemTable
{
    /// <summary>Enough levels for about 4^16 entries at branching factor 4.</summary>
    internal const int MaxHeight = 16;

    /// <summary>
    /// The bytes a node costs beyond its key and value: the node object, its link array and the two byte-array
    /// headers (x64: 16-byte object headers, 8-byte references). Used for the memory budget.
    /// </summary>
    internal const int NodeOverheadBytes = 48 + 24 + 24 + 24;

    private readonly MemTableNode _head = new(Array.Empty<byte>(), 0, MemTableEntryKind.Put, null, MaxHeight);

    // Scratch space of the single writer, kept to spare an allocation per insert.
    private readonly MemTableNode?[] _predecessors = new MemTableNode?[MaxHeight];
    private int _height = 1;
    private long _approximateBytes;
    private long _count;
    private uint _random = 0x2545F491;
    private ulong _frozenAtSequence = ulong.MaxValue;

    /// <summary>
    /// The last sequence number written into this MemTable, once it is frozen; <see cref="ulong.MaxValue"/> while it
    /// is active. A read state taken before the freeze must not claim writes after it (they are elsewhere).
    /// </summary>
    public ulong FrozenAtSequence => Volatile.Read(ref _frozenAtSequence);

    /// <summary>Marks the MemTable frozen at <paramref name="sequence"/>; called before the freeze is published.</summary>
    public void MarkFrozen(ulong sequence) => Volatile.Write(ref _frozenAtSequence, sequence);

    /// <summary>Memory used by the entries, in bytes (approximate: see <see cref="NodeOverheadBytes"/>).</summary>
    public long ApproximateBytes => Volatile.Read(ref _approximateBytes);

    /// <summary>The number of versions held (every put and delete is one).</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The budget a put of these sizes will take.</summary>
    public static long EstimateBytes(int keyLength, int valueLength) => NodeOverheadBytes + keyLength + valueLength;

    /// <summary>Adds a version. Only one thread may call this at a time.</summary>
    public void Add(ulong sequence, MemTableEntryKind kind, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var height = RandomHeight();
        var node = new MemTableNode(key.ToArray(), sequence, kind, kind == MemTableEntryKind.Put ? value.ToArray() : null, height);

        var predecessors = _predecessors;
        FindGreaterOrEqual(key, sequence, predecessors);

        var currentHeight = Volatile.Read(ref _height);
        if (height > currentHeight)
        {
            for (var level = currentHeight; level < height; level++)
            {
                predecessors[level] = _head;
            }

            // Readers that see the new height before the links only find null links from the head there,
            // which they treat as the end of that level and drop down: harmless.
            Volatile.Write(ref _height, height);
        }

        for (var level = 0; level < height; level++)
        {
            var predecessor = predecessors[level]!;
            node.Next[level] = predecessor.Next[level];
            Volatile.Write(ref predecessor.Next[level], node);
        }

        Interlocked.Add(ref _approximateBytes, EstimateBytes(key.Length, value.Length));
        Interlocked.Increment(ref _count);
    }

    /// <summary>
    /// Finds the newest version of <paramref name="key"/> with a sequence number at or below
    /// <paramref name="snapshot"/>. False when the key has no such version (a tombstone is found and returned).
    /// </summary>
    public bool TryGetVersion(ReadOnlySpan<byte> key, ulong snapshot, out MemTableNode node)
    {
        var candidate = FindGreaterOrEqual(key, snapshot, default);
        if (candidate is not null && candidate.Key.AsSpan().SequenceEqual(key))
        {
            node = candidate;
            return true;
        }

        node = null!;
        return false;
    }

    /// <summary>The first node at or after (<paramref name="key"/>, <paramref name="snapshot"/>); the whole list when the key is empty.</summary>
    public MemTableNode? Seek(ReadOnlySpan<byte> key, ulong snapshot) =>
        key.IsEmpty ? Volatile.Read(ref _head.Next[0]) : FindGreaterOrEqual(key, snapshot, default);

    /// <summary>Internal order: key ascending, then sequence number descending (newest version first).</summary>
    internal static int Compare(MemTableNode node, ReadOnlySpan<byte> key, ulong keyPrefix, ulong sequence)
    {
        // Unequal prefixes order the keys as the bytes do; equal prefixes (shared first 8 bytes, or a short key
        // and its zero-padded extension) need the full comparison.
        if (node.KeyPrefix != keyPrefix)
        {
            return node.KeyPrefix < keyPrefix ? -1 : 1;
        }

        var byKey = node.Key.AsSpan().SequenceCompareTo(key);
        if (byKey != 0)
        {
            return byKey;
        }

        return sequence.CompareTo(node.Sequence);
    }

    /// <summary>The first 8 bytes of <paramref name="key"/> as a big-endian number, zero-padded.</summary>
    internal static ulong PrefixOf(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(key);
        }

        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        key.CopyTo(padded);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    private MemTableNode? FindGreaterOrEqual(ReadOnlySpan<byte> key, ulong sequence, Span<MemTableNode?> predecessors)
    {
        var keyPrefix = PrefixOf(key);
        var current = _head;
        var level = Volatile.Read(ref _height) - 1;
        while (true)
        {
            var next = Volatile.Read(ref current.Next[level]);
            if (next is not null && Compare(next, key, keyPrefix, sequence) < 0)
            {
                current = next;
                continue;
            }

            if (!predecessors.IsEmpty)
            {
                predecessors[level] = current;
            }

            if (level == 0)
            {
                return next;
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
