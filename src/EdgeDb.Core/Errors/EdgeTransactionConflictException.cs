namespace EdgeDb;

/// <summary>
/// A transaction's commit found that a key it read or wrote, or a key in a range it scanned, was committed by
/// someone else after its snapshot (docs/transactions.md). Nothing of the transaction was written; run the unit of
/// work again in a new transaction.
/// </summary>
public sealed class EdgeTransactionConflictException : EdgeDbException
{
    /// <summary>Creates the exception for the key (or the first key of the range) that was committed meanwhile.</summary>
    public EdgeTransactionConflictException(string message, byte[]? key)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The key whose newer version caused the conflict, or the start of the scanned range that has one.</summary>
    public byte[]? Key { get; }
}
