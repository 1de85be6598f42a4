using EdgeDb.Format;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Lsm;

/// <summary>An in-memory source in internal order, for testing what merges and walks sources.</summary>
internal sealed class ListIterator : IInternalIterator
{
    private readonly List<(byte[] Key, ulong Sequence, EntryKind Kind, byte[] Value)> _entries;
    private int _at;

    public ListIterator(params (string Key, ulong Sequence)[] entries)
    {
        _entries = entries
            .Select(e => (Bytes.Of(e.Key), e.Sequence, EntryKind.Put, Bytes.Of($"{e.Key}@{e.Sequence}")))
            .OrderBy(e => e.Item1, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ThenByDescending(e => e.Sequence)
            .ToList();
        _at = _entries.Count;
    }

    public bool Disposed { get; private set; }

    public bool Valid => _at < _entries.Count;

    public ReadOnlySpan<byte> Key => _entries[_at].Key;

    public ReadOnlyMemory<byte> KeyMemory => _entries[_at].Key;

    public ulong Sequence => _entries[_at].Sequence;

    public EntryKind Kind => _entries[_at].Kind;

    public ReadOnlyMemory<byte> Value => _entries[_at].Value;

    public void SeekToFirst() => _at = 0;

    public void Seek(ReadOnlySpan<byte> key, ulong sequence)
    {
        _at = 0;
        while (_at < _entries.Count && InternalKey.Compare(_entries[_at].Key, _entries[_at].Sequence, key, sequence) < 0)
        {
            _at++;
        }
    }

    public void MoveNext() => _at++;

    public void Dispose() => Disposed = true;
}

/// <summary>Reads an iterator to its end as "key@sequence" strings.</summary>
internal static class Drain
{
    public static List<string> All(IInternalIterator iterator)
    {
        var seen = new List<string>();
        for (; iterator.Valid; iterator.MoveNext())
        {
            seen.Add($"{Bytes.Text(iterator.KeyMemory)}@{iterator.Sequence}");
        }

        return seen;
    }
}
