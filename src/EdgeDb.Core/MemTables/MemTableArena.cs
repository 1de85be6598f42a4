namespace EdgeDb.MemTables;

/// <summary>
/// The slabs a MemTable's nodes live in (docs/memtable.md, "An arena, not objects"): large byte arrays the writer
/// fills front to back, so an insert allocates nothing on the managed heap and the garbage collector has no small
/// objects to trace. One writer allocates; any number of readers resolve positions at the same time.
/// </summary>
internal sealed class MemTableArena
{
    /// <summary>The first slab's size: a MemTable that stays small costs little.</summary>
    internal const int FirstSlabBytes = 64 * 1024;

    /// <summary>Slabs double up to this size; a position's offset field is sized for it.</summary>
    internal const int MaxSlabBytes = 1024 * 1024;

    /// <summary>A node larger than this gets a slab of its own, so a large value never wastes a slab's tail.</summary>
    internal const int DedicatedNodeBytes = MaxSlabBytes / 4;

    /// <summary>Bits of a position that hold the offset in the slab, in units of 8 bytes (1 MiB / 8 = 2^17).</summary>
    private const int OffsetBits = 17;

    /// <summary>The slab indexes the other 15 bits of a position can name.</summary>
    internal const int MaxSlabs = 1 << 15;

    // Replaced, never changed in place where a reader could be looking: see AddSlab.
    private byte[][] _slabs = new byte[16][];
    private int _slabCount;
    private byte[] _current;
    private int _currentIndex;
    private int _used;
    private int _nextSlabBytes = FirstSlabBytes;

    public MemTableArena()
    {
        _current = NewSlab(FirstSlabBytes);
        _currentIndex = AddSlab(_current);
    }

    /// <summary>
    /// Reserves <paramref name="size"/> bytes (a multiple of 8) for one node and returns its position. The bytes are
    /// not cleared: the caller writes every field a reader will look at before it links the node.
    /// </summary>
    public int Allocate(int size, out byte[] slab, out int offset)
    {
        if (size > DedicatedNodeBytes)
        {
            slab = NewSlab(size);
            offset = 0;
            return PositionOf(AddSlab(slab), 0);
        }

        if (_used + size > _current.Length)
        {
            // While slabs are still small, a node up to the dedicated size may not fit in the next one.
            _current = NewSlab(Math.Max(_nextSlabBytes, size));
            _currentIndex = AddSlab(_current);
            _nextSlabBytes = Math.Min(_nextSlabBytes * 2, MaxSlabBytes);
            _used = 0;
        }

        slab = _current;
        offset = _used;
        _used += size;
        return PositionOf(_currentIndex, offset);
    }

    /// <summary>The node at <paramref name="position"/>, which a reader obtained from a link (acquire) or the writer allocated.</summary>
    public MemTableEntry Resolve(int position)
    {
        // Read after the link that named the position: the directory seen then holds the slab (docs/memtable.md,
        // "Publication").
        var slabs = Volatile.Read(ref _slabs);
        return new MemTableEntry(slabs[(int)((uint)position >> OffsetBits)], (position & ((1 << OffsetBits) - 1)) << 3);
    }

    private static int PositionOf(int slabIndex, int offset) => (int)(((uint)slabIndex << OffsetBits) | ((uint)offset >> 3));

    private static byte[] NewSlab(int size)
    {
        // Uninitialized: the writer fills each node completely before publishing it, and nothing reads the rest.
        return GC.AllocateUninitializedArray<byte>(size);
    }

    private int AddSlab(byte[] slab)
    {
        if (_slabCount == MaxSlabs)
        {
            // Unreachable within the options' bounds (MemTableSizeBytes at most 4 GiB, one batch at most 256 MiB).
            throw new InvalidOperationException($"A MemTable cannot hold more than {MaxSlabs} slabs.");
        }

        var directory = _slabs;
        if (_slabCount == directory.Length)
        {
            // Readers may hold the old directory: it stays valid for every slab it has; the new one is complete
            // before it is published, and published before any node in the new slab is linked.
            var grown = new byte[directory.Length * 2][];
            Array.Copy(directory, grown, _slabCount);
            grown[_slabCount] = slab;
            Volatile.Write(ref _slabs, grown);
        }
        else
        {
            // Published to readers by the release write of the first link to a node in this slab.
            directory[_slabCount] = slab;
        }

        return _slabCount++;
    }
}
