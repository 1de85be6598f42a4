namespace EdgeDb;

/// <summary>
/// The write would take the MemTable past <see cref="EdgeStoreOptions.MemTableSizeBytes"/>. Until sorted tables
/// spill data to disk the store is bounded by that budget. The failed write was not logged; nothing is lost.
/// </summary>
public sealed class EdgeStoreFullException : EdgeDbException
{
    /// <summary>Creates the exception for a budget and the bytes the write needed.</summary>
    public EdgeStoreFullException(long budgetBytes, long usedBytes, long requestedBytes)
        : base($"The store's MemTable budget of {budgetBytes:N0} bytes is exhausted ({usedBytes:N0} used, the write needs " +
               $"{requestedBytes:N0} more). Raise EdgeStoreOptions.MemTableSizeBytes or reopen with a larger budget.")
    {
        BudgetBytes = budgetBytes;
        UsedBytes = usedBytes;
        RequestedBytes = requestedBytes;
    }

    /// <summary>The configured budget.</summary>
    public long BudgetBytes { get; }

    /// <summary>The bytes in use when the write was refused.</summary>
    public long UsedBytes { get; }

    /// <summary>The bytes the refused write needed.</summary>
    public long RequestedBytes { get; }
}
