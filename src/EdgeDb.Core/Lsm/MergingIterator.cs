using EdgeDb.Format;
namespace EdgeDb.Lsm;

/// <summary>
/// Merges iterators into one stream in internal order with a binary heap: O(log k) a step for k sources.
/// Two sources never hold the same (key, sequence), so the order is total.
/// </summary>
internal sealed class MergingIterator : IInternalIterator
{
    private readonly IInternalIterator[] _children;
    private readonly IInternalIterator[] _heap;
    private int _count;

    public MergingIterator(IReadOnlyList<IInternalIterator> children)
    {
        _children = [.. children];
        _heap = new IInternalIterator[_children.Length];
    }

    public bool Valid => _count > 0;

    public ReadOnlySpan<byte> Key => _heap[0].Key;

    public ReadOnlyMemory<byte> KeyMemory => _heap[0].KeyMemory;

    public ulong Sequence => _heap[0].Sequence;

    public EntryKind Kind => _heap[0].Kind;

    public ReadOnlyMemory<byte> Value => _heap[0].Value;

    /// <summary>Disposes every source.</summary>
    public void Dispose()
    {
        foreach (var child in _children)
        {
            child.Dispose();
        }

        _count = 0;
    }

    public void SeekToFirst()
    {
        foreach (var child in _children)
        {
            child.SeekToFirst();
        }

        Rebuild();
    }

    public void Seek(ReadOnlySpan<byte> key, ulong sequence)
    {
        foreach (var child in _children)
        {
            child.Seek(key, sequence);
        }

        Rebuild();
    }

    public void MoveNext()
    {
        var top = _heap[0];
        top.MoveNext();
        if (!top.Valid)
        {
            _heap[0] = _heap[--_count];
        }

        SiftDown(0);
    }

    /// <summary>Internal order: key ascending, then sequence descending.</summary>
    internal static int Compare(IInternalIterator a, IInternalIterator b) => InternalKey.Compare(a.Key, a.Sequence, b.Key, b.Sequence);

    private void Rebuild()
    {
        _count = 0;
        foreach (var child in _children)
        {
            if (child.Valid)
            {
                _heap[_count++] = child;
            }
        }

        for (var i = (_count / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    private void SiftDown(int index)
    {
        while (true)
        {
            var smallest = index;
            var left = (2 * index) + 1;
            var right = left + 1;
            if (left < _count && Compare(_heap[left], _heap[smallest]) < 0)
            {
                smallest = left;
            }

            if (right < _count && Compare(_heap[right], _heap[smallest]) < 0)
            {
                smallest = right;
            }

            if (smallest == index)
            {
                return;
            }

            (_heap[index], _heap[smallest]) = (_heap[smallest], _heap[index]);
            index = smallest;
        }
    }
}
