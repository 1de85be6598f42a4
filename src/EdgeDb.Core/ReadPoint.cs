using EdgeDb.Lsm;

namespace EdgeDb;

/// <summary>
/// A fixed point in a store's history that reads can be pinned to: a snapshot, or a transaction's snapshot. The
/// store itself is the moving point (a null read point in <see cref="StoreReads"/>).
/// </summary>
internal interface IReadPoint
{
    /// <summary>The sequence number of the newest write the point sees.</summary>
    ulong Sequence { get; }

    /// <summary>Another reference on the point's read state, for one read or scan; release it when done.</summary>
    /// <exception cref="ObjectDisposedException">The point or its store was disposed.</exception>
    ReadState AcquireState();
}
