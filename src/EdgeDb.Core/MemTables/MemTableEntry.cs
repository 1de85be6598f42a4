using System.Runtime.CompilerServices;
using EdgeDb.Format;

namespace EdgeDb.MemTables;

/// <summary>
/// A view of one node in a MemTable's arena: one version of one key (docs/memtable.md, "Node layout"). Immutable
/// once published, except for its links. The key and value memory is the arena's and never changes.
/// </summary>
internal readonly struct MemTableEntry
{
    /// <summary>The bytes of a node before its links.</summary>
    internal const int HeaderBytes = 28;

    private const int SequenceOffset = 8;
    private const int KeyLengthOffset = 16;
    private const int ValueLengthOffset = 20;
    private const int KindOffset = 24;
    private const int HeightOffset = 25;

    private readonly byte[]? _slab;
    private readonly int _offset;

    internal MemTableEntry(byte[] slab, int offset)
    {
        _slab = slab;
        _offset = offset;
    }

    /// <summary>False for the default value, which stands for "no node".</summary>
    public bool Exists => _slab is not null;

    /// <summary>The key's first 8 bytes, big-endian, zero-padded.</summary>
    public ulong KeyPrefix => Unsafe.ReadUnaligned<ulong>(ref _slab![_offset]);

    public ulong Sequence => Unsafe.ReadUnaligned<ulong>(ref _slab![_offset + SequenceOffset]);

    public EntryKind Kind => (EntryKind)_slab![_offset + KindOffset];

    /// <summary>The number of levels the node is linked on.</summary>
    public int Height => _slab![_offset + HeightOffset];

    public ReadOnlySpan<byte> Key => new(_slab, KeyStart, KeyLength);

    /// <summary>The key as memory that stays valid as long as it is referenced.</summary>
    public ReadOnlyMemory<byte> KeyMemory => new(_slab, KeyStart, KeyLength);

    /// <summary>The value of a put; empty for a delete.</summary>
    public ReadOnlySpan<byte> ValueSpan => new(_slab, KeyStart + KeyLength, ValueLength);

    /// <summary>The value as memory that stays valid as long as it is referenced; empty for a delete.</summary>
    public ReadOnlyMemory<byte> Value => new(_slab, KeyStart + KeyLength, ValueLength);

    private int KeyLength => Unsafe.ReadUnaligned<int>(ref _slab![_offset + KeyLengthOffset]);

    private int ValueLength => Unsafe.ReadUnaligned<int>(ref _slab![_offset + ValueLengthOffset]);

    private int KeyStart => _offset + HeaderBytes + (4 * Height);

    /// <summary>The bytes a node of this height, key and value takes in the arena, padded to 8.</summary>
    public static int SizeOf(int height, int keyLength, int valueLength) =>
        (HeaderBytes + (4 * height) + keyLength + valueLength + 7) & ~7;

    /// <summary>Writes a whole node at <paramref name="offset"/>, its links cleared, and returns a view of it.</summary>
    public static MemTableEntry Write(
        byte[] slab, int offset, ulong keyPrefix, ulong sequence, EntryKind kind, int height, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Unsafe.WriteUnaligned(ref slab[offset], keyPrefix);
        Unsafe.WriteUnaligned(ref slab[offset + SequenceOffset], sequence);
        Unsafe.WriteUnaligned(ref slab[offset + KeyLengthOffset], key.Length);
        Unsafe.WriteUnaligned(ref slab[offset + ValueLengthOffset], value.Length);
        slab[offset + KindOffset] = (byte)kind;
        slab[offset + HeightOffset] = (byte)height;
        slab[offset + HeightOffset + 1] = 0;
        slab[offset + HeightOffset + 2] = 0;
        var links = offset + HeaderBytes;
        slab.AsSpan(links, 4 * height).Clear();
        key.CopyTo(slab.AsSpan(links + (4 * height)));
        value.CopyTo(slab.AsSpan(links + (4 * height) + key.Length));
        return new MemTableEntry(slab, offset);
    }

    /// <summary>
    /// The link on <paramref name="level"/>: a position, 0 for none. Nodes are 8-aligned and links 4-aligned in the
    /// array, so reads and writes of a link are atomic; use <see cref="Volatile"/> where another thread may race.
    /// </summary>
    public ref int Link(int level) => ref Unsafe.As<byte, int>(ref _slab![_offset + HeaderBytes + (4 * level)]);
}
