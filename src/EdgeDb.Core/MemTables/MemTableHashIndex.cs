namespace EdgeDb.MemTables;

/// <summary>
/// A hash index from each key to its newest version in one MemTable (docs/memtable.md, "Hash index"), so a point read
/// of a key the MemTable holds costs a probe or two instead of a skip-list descent of a dozen or more cache misses.
/// Open addressing with linear probing over (tag, position) pairs; it starts small and doubles up to a size set by
/// the MemTable's budget. A slot once taken keeps its key; only its position moves to newer versions. One writer;
/// any number of readers.
/// </summary>
internal sealed class MemTableHashIndex
{
    /// <summary>At most one slot per this many bytes of MemTable budget: a load of about 0.4 at 100-byte values.</summary>
    internal const int BudgetBytesPerSlot = 64;

    /// <summary>What <see cref="Find"/> returns when the key may be in the MemTable without being indexed.</summary>
    public const int Unknown = -1;

    private const int FirstSlots = 1024;

    private readonly int _maxSlots;

    // Slot i is _slots[2i] (the tag: the hash's high 32 bits, whose low bits are also the home slot, so growing needs
    // no node) and _slots[2i + 1] (the node's position, 0 = empty), in one cache line. The position is written last,
    // with release semantics, so a reader that sees it sees the tag. Replaced whole when it grows.
    private int[] _slots;
    private int _keys;
    private bool _full;

    /// <param name="budgetBytes">The MemTable's size budget, which bounds how many keys it will hold.</param>
    public MemTableHashIndex(long budgetBytes)
    {
        var maxSlots = (int)Math.Min(1L << 24, Math.Max(FirstSlots, budgetBytes / BudgetBytesPerSlot));
        _maxSlots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxSlots);
        _slots = new int[2 * FirstSlots];
    }

    /// <summary>True once a new key was left out for want of room.</summary>
    public bool IsFull => Volatile.Read(ref _full);

    /// <summary>
    /// Records <paramref name="position"/> as the newest version of <paramref name="key"/>; call after the node is
    /// linked and before the version becomes visible. A new key beyond the index's largest size is left out, and from
    /// then on an absent key reads as <see cref="Unknown"/>.
    /// </summary>
    public void Add(ulong hash, ReadOnlySpan<byte> key, int position, MemTableArena arena)
    {
        var tag = (int)(hash >> 32);
        var slots = _slots;
        var mask = (slots.Length / 2) - 1;
        for (var slot = tag & mask; ; slot = (slot + 1) & mask)
        {
            var existing = slots[(2 * slot) + 1];
            if (existing == 0)
            {
                break;
            }

            if (slots[2 * slot] == tag && arena.Resolve(existing).Key.SequenceEqual(key))
            {
                // Versions arrive in sequence order, so this one is the newest.
                Volatile.Write(ref slots[(2 * slot) + 1], position);
                return;
            }
        }

        // A new key.
        var capacity = slots.Length / 2;
        if (_keys >= capacity / 2)
        {
            if (capacity < _maxSlots)
            {
                slots = Grow(slots);
            }
            else if (_keys >= capacity / 4 * 3)
            {
                Volatile.Write(ref _full, true);
                return;
            }
        }

        Insert(slots, tag, position);
        _keys++;
    }

    /// <summary>
    /// The position of the newest version of <paramref name="key"/> indexed so far; 0 when the MemTable certainly
    /// has none; <see cref="Unknown"/> when the index ran out of room and the skip list must be asked.
    /// </summary>
    public int Find(ulong hash, ReadOnlySpan<byte> key, MemTableArena arena)
    {
        // Read after the caller's snapshot: every version the snapshot covers is in the array read here (a growth
        // before such a version was published before it).
        var slots = Volatile.Read(ref _slots);
        var mask = (slots.Length / 2) - 1;
        var tag = (int)(hash >> 32);
        for (var slot = tag & mask; ; slot = (slot + 1) & mask)
        {
            var position = Volatile.Read(ref slots[(2 * slot) + 1]);
            if (position == 0)
            {
                return Volatile.Read(ref _full) ? Unknown : 0;
            }

            if (slots[2 * slot] == tag && arena.Resolve(position).Key.SequenceEqual(key))
            {
                return position;
            }
        }
    }

    private static void Insert(int[] slots, int tag, int position)
    {
        var mask = (slots.Length / 2) - 1;
        var slot = tag & mask;
        while (slots[(2 * slot) + 1] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[2 * slot] = tag;
        Volatile.Write(ref slots[(2 * slot) + 1], position);
    }

    /// <summary>Four times the slots (fewer rehashes on the way up), filled from the tags alone, then published.</summary>
    private int[] Grow(int[] slots)
    {
        var capacity = slots.Length / 2;
        var grown = new int[2 * Math.Min(_maxSlots, capacity * 4)];
        for (var i = 0; i < slots.Length; i += 2)
        {
            if (slots[i + 1] != 0)
            {
                Insert(grown, slots[i], slots[i + 1]);
            }
        }

        Volatile.Write(ref _slots, grown);
        return grown;
    }
}
