namespace EdgeDb.Format;

/// <summary>
/// A cursor over versions in internal order (key ascending bytewise, then sequence number descending), as a
/// MemTable or a table holds them. Scans and compactions merge several of these. Disposing one returns what it
/// rented (pooled buffers, pinned blocks); every owner disposes the iterators it creates.
/// </summary>
internal interface IInternalIterator : IDisposable
{
    /// <summary>True while positioned on an entry.</summary>
    bool Valid { get; }

    ReadOnlySpan<byte> Key { get; }

    /// <summary>The key as memory the caller may keep (a scan hands it to the user).</summary>
    ReadOnlyMemory<byte> KeyMemory { get; }

    ulong Sequence { get; }

    EntryKind Kind { get; }

    ReadOnlyMemory<byte> Value { get; }

    void SeekToFirst();

    /// <summary>Positions on the first entry at or after (<paramref name="key"/>, <paramref name="sequence"/>).</summary>
    void Seek(ReadOnlySpan<byte> key, ulong sequence);

    void MoveNext();
}
