namespace EdgeDb.MemTables;

/// <summary>Whether a MemTable version holds a value or records a delete.</summary>
internal enum MemTableEntryKind : byte
{
    Put = 1,
    Delete = 2,
}

/// <summary>One version of one key in the MemTable. Immutable once published, except for its links.</summary>
internal sealed class MemTableNode
{
    public MemTableNode(byte[] key, ulong sequence, MemTableEntryKind kind, byte[]? value, int height)
    {
        Key = key;
        KeyPrefix = MemTable.PrefixOf(key);
        Sequence = sequence;
        Kind = kind;
        Value = value;
        Next = new MemTableNode?[height];
    }

    public byte[] Key { get; }

    /// <summary>
    /// The key's first 8 bytes, big-endian, zero-padded: comparing these decides most comparisons without
    /// following the reference to <see cref="Key"/>, which is a cache miss per skip-list step.
    /// </summary>
    public ulong KeyPrefix { get; }

    public ulong Sequence { get; }

    public MemTableEntryKind Kind { get; }

    /// <summary>The value of a put; null for a delete.</summary>
    public byte[]? Value { get; }

    /// <summary>The link to the next node on each level this node stands on.</summary>
    public MemTableNode?[] Next { get; }

    /// <summary>The next node on the bottom level, read with acquire semantics.</summary>
    public MemTableNode? NextInOrder => Volatile.Read(ref Next[0]);
}
