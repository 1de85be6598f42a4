namespace EdgeDb.Format;

/// <summary>
/// The internal key order every sorted structure shares (MemTable, tables, merges): user key ascending bytewise,
/// then sequence number descending, so the newest version of a key comes first. Tables store the sequence number
/// and the kind together as one 64-bit tag.
/// </summary>
internal static class InternalKey
{
    /// <summary>Sequence numbers share the tag with the kind byte, so they have 56 bits.</summary>
    public const ulong MaxSequence = (1UL << 56) - 1;

    /// <summary>Compares two internal keys.</summary>
    public static int Compare(ReadOnlySpan<byte> keyA, ulong sequenceA, ReadOnlySpan<byte> keyB, ulong sequenceB)
    {
        var byKey = keyA.SequenceCompareTo(keyB);
        return byKey != 0 ? byKey : sequenceB.CompareTo(sequenceA);
    }

    /// <summary>The tag of a table entry: the sequence number above the kind byte.</summary>
    public static ulong Tag(ulong sequence, EntryKind kind) => (sequence << 8) | (byte)kind;
}
