using EdgeDb.Lsm;
using EdgeDb.Writes;

namespace EdgeDb.Transactions;

/// <summary>
/// The commit leader's validation of the transactions in one commit group. A transaction is checked against what
/// the store has committed and against the members of its group before it, which are written in the same WAL write
/// and so also count as committed after its snapshot. Their keys are gathered only when a transaction follows them.
/// </summary>
internal sealed class GroupValidation(List<PendingWrite> group)
{
    private static readonly IReadOnlySet<byte[]> None = new HashSet<byte[]>(KeyEquality.Instance);

    private readonly int _lastTransaction = group.FindLastIndex(w => w.Check is not null);
    private HashSet<byte[]>? _earlier;

    /// <summary>The conflict of a member, checked against the current state and the members before it, or null.</summary>
    public EdgeTransactionConflictException? FindConflict(TransactionCheck check, ulong lastSequence, LsmTree tree)
    {
        if (lastSequence == check.Since && _earlier is null)
        {
            return null;
        }

        var state = tree.Acquire();
        try
        {
            return check.FindConflict(state, lastSequence, (IReadOnlySet<byte[]>?)_earlier ?? None);
        }
        finally
        {
            state.Release();
        }
    }

    /// <summary>Member <paramref name="index"/> is being written: remember its keys if a transaction comes after it.</summary>
    public void Committing(int index)
    {
        if (index >= _lastTransaction)
        {
            return;
        }

        _earlier ??= new HashSet<byte[]>(KeyEquality.Instance);
        var reader = new BatchReader(group[index].Batch!.GetPayload());
        while (reader.Remaining > 0 && reader.TryReadNext(out _, out var key, out _) is null)
        {
            _earlier.Add(key.ToArray());
        }
    }
}
