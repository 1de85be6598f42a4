namespace EdgeDb.MemTables;

/// <summary>
/// A hash index from each key to its newest version in one MemTable (docs/memtable.md, "Hash index"), so a point read
/// of a key the MemTable holds costs a probe or two instead of a skip-list descent of a dozen or more cache misses.
/// Open addressing with linear probing over (tag, position) pairs, sized from the MemTable's budget. A slot once
/// taken keeps its key forever; only its position moves to newer versions. One writer; any number of readers.
/// </summary>
internal sealed class MemTableHashIndex
{
    /// <summary>One slot per this many bytes of MemTable budget: a load of about 0.4 at 100-byte values.</summary>
    internal const int BudgetBytesPerSlot = 64;

    /// <summary>What <see cref="Find"/> returns when the key may be in the MemTable without being indexed.</summary>
    public const int Unknown = -1;

    private const int MinSlots = 64;

    // Slot i is _slots[2i] (the tag: the hash's low 32 bits) and _slots[2i + 1] (the node's position, 0 = empty), in
    // one cache line. The position is written last, with release semantics, so a reader that sees it sees the tag.
    private readonly int[] _slots;
    private readonly int _mask;
    private readonly int _maxKeys;
    private int _keys;
    private bool _full;

    /// <param name="budgetBytes">The MemTable's size budget, which bounds how many keys it will hold.</param>
    public MemTableHashIndex(long budgetBytes)
    {
        var slots = (int)Math.Min(1L << 24, Math.Max(MinSlots, budgetBytes / BudgetBytesPerSlot));
        slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots);
        _slots = new int[2 * slots];
        _mask = slots - 1;
        _maxKeys = slots / 4 * 3;
    }

    /// <summary>The index's size in bytes.</summary>
    public int SizeBytes => _slots.Length * sizeof(int);

    /// <summary>
    /// Records <paramref name="position"/> as the newest version of <paramref name="key"/>; call after the node is
    /// linked. A key beyond the index's capacity is left out, and from then on an absent key reads as
    /// <see cref="Unknown"/> (call before the version becomes visible, so a reader that can see it sees that too).
    /// </summary>
    public void Add(ulong hash, ReadOnlySpan<byte> key, int position, MemTableArena arena)
    {
        var tag = (int)hash;
        for (var slot = SlotOf(hash); ; slot = (slot + 1) & _mask)
        {
            var existing = _slots[(2 * slot) + 1];
            if (existing == 0)
            {
                if (_keys >= _maxKeys)
                {
                    Volatile.Write(ref _full, true);
                    return;
                }

                _slots[2 * slot] = tag;
                Volatile.Write(ref _slots[(2 * slot) + 1], position);
                _keys++;
                return;
            }

            if (_slots[2 * slot] == tag && arena.Resolve(existing).Key.SequenceEqual(key))
            {
                // Versions arrive in sequence order, so this one is the newest.
                Volatile.Write(ref _slots[(2 * slot) + 1], position);
                return;
            }
        }
    }

    /// <summary>
    /// The position of the newest version of <paramref name="key"/> indexed so far; 0 when the MemTable certainly
    /// has none; <see cref="Unknown"/> when the index ran out of room and the skip list must be asked.
    /// </summary>
    public int Find(ulong hash, ReadOnlySpan<byte> key, MemTableArena arena)
    {
        var tag = (int)hash;
        for (var slot = SlotOf(hash); ; slot = (slot + 1) & _mask)
        {
            var position = Volatile.Read(ref _slots[(2 * slot) + 1]);
            if (position == 0)
            {
                return Volatile.Read(ref _full) ? Unknown : 0;
            }

            if (_slots[2 * slot] == tag && arena.Resolve(position).Key.SequenceEqual(key))
            {
                return position;
            }
        }
    }

    // The high bits pick the slot, the low 32 are the tag, and the filter uses its own mix of both.
    private int SlotOf(ulong hash) => (int)(hash >> 40) & _mask;
}
