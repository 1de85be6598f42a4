using EdgeDb.Format;
using EdgeDb.Lsm;

namespace EdgeDb.Transactions;

/// <summary>
/// What a transaction's commit must validate, and the validation itself, which the commit leader runs in commit
/// order (docs/transactions.md, "Isolation"): no key the transaction read or wrote, and no key in a range it
/// scanned, may have a version committed after its snapshot, by an earlier commit or by an earlier member of the
/// same commit group.
/// </summary>
internal sealed class TransactionCheck(ulong since, IReadOnlyCollection<byte[]> readKeys, IReadOnlyCollection<byte[]> writtenKeys, IReadOnlyList<(byte[] Start, byte[]? End)> ranges)
{
    /// <summary>The transaction's snapshot sequence.</summary>
    public ulong Since => since;

    /// <summary>
    /// The conflict, or null when the transaction may commit. <paramref name="lastSequence"/> is the newest sequence the
    /// store has committed; <paramref name="earlierInGroup"/> holds the keys that members of the same group before
    /// this one are about to commit.
    /// </summary>
    public EdgeTransactionConflictException? FindConflict(ReadState state, ulong lastSequence, IReadOnlySet<byte[]> earlierInGroup)
    {
        if (lastSequence == since && earlierInGroup.Count == 0)
        {
            // Nothing was committed since the snapshot: nothing can conflict.
            return null;
        }

        foreach (var key in writtenKeys.Concat(readKeys))
        {
            if (earlierInGroup.Contains(key) || (lastSequence > since && NewerVersions.OfKey(state, key, since)))
            {
                return new EdgeTransactionConflictException(
                    $"Key {Convert.ToHexString(key)}, which the transaction read or wrote, was committed by another writer after the transaction's snapshot (sequence {since}); nothing was written. Run the transaction again.",
                    key);
            }
        }

        foreach (var (start, end) in ranges)
        {
            if (earlierInGroup.Any(k => InRange(k, start, end)) || (lastSequence > since && NewerVersions.InRange(state, start, end, since)))
            {
                return new EdgeTransactionConflictException(
                    $"A key in the range [{Convert.ToHexString(start)}, {(end is null ? "end" : Convert.ToHexString(end))}), which the transaction scanned, was committed by another writer after the transaction's snapshot (sequence {since}); nothing was written. Run the transaction again.",
                    start);
            }
        }

        return null;
    }

    private static bool InRange(byte[] key, byte[] start, byte[]? end) =>
        key.AsSpan().SequenceCompareTo(start) >= 0 && (end is null || key.AsSpan().SequenceCompareTo(end) < 0);
}

/// <summary>Bytewise equality of keys, for sets of keys.</summary>
internal sealed class KeyEquality : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly KeyEquality Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] key) => (int)KeyDigest.Hash(key);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)KeyDigest.Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
