namespace EdgeDb.MemTables;

/// <summary>
/// A blocked Bloom filter over the keys of one MemTable (docs/memtable.md, "Filter"): a point read of a key the
/// MemTable does not hold costs one cache line instead of a skip-list descent of a dozen or more cache misses. Each
/// key sets 5 bits in one 64-bit word. One writer adds; any number of readers test at the same time.
/// </summary>
internal sealed class MemTableFilter
{
    /// <summary>One word per this many bytes of MemTable budget: about 10 bits per key for 100-byte values.</summary>
    internal const int BudgetBytesPerWord = 1024;

    private const int MinWords = 64;
    private readonly ulong[] _words;
    private readonly int _wordMask;

    /// <param name="budgetBytes">The MemTable's size budget, which bounds how many keys it will hold.</param>
    public MemTableFilter(long budgetBytes)
    {
        var words = (int)Math.Min(1L << 24, Math.Max(MinWords, budgetBytes / BudgetBytesPerWord));
        words = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)words);
        _words = new ulong[words];
        _wordMask = words - 1;
    }

    /// <summary>Records a key by its <see cref="KeyDigest.Hash"/>; call before the key's node is linked, so a reader that can see the node sees its bits.</summary>
    public void Add(ulong hash)
    {
        Interlocked.Or(ref _words[WordOf(hash)], BitsOf(hash));
    }

    /// <summary>False when the key of this <see cref="KeyDigest.Hash"/> was certainly never added.</summary>
    public bool MayContain(ulong hash)
    {
        var bits = BitsOf(hash);
        return (Volatile.Read(ref _words[WordOf(hash)]) & bits) == bits;
    }

    private int WordOf(ulong hash) => (int)(hash >> 32) & _wordMask;

    // Five bit positions from the low 30 bits; the word comes from the high 32, so the two are independent.
    private static ulong BitsOf(ulong hash) =>
        (1UL << (int)(hash & 63))
        | (1UL << (int)((hash >> 6) & 63))
        | (1UL << (int)((hash >> 12) & 63))
        | (1UL << (int)((hash >> 18) & 63))
        | (1UL << (int)((hash >> 24) & 63));
}
