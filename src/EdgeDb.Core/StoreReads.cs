using System.Diagnostics.CodeAnalysis;
using EdgeDb.Lsm;

namespace EdgeDb;

/// <summary>
/// The one implementation of the reads an <see cref="EdgeStore"/>, an <see cref="EdgeSnapshot"/> and an
/// <see cref="EdgeTransaction"/> share: the same key checks, the same point lookup and scans, at the store's newest
/// visible write or at a read point's sequence.
/// </summary>
internal static class StoreReads
{
    /// <summary>Reads <paramref name="key"/> as of <paramref name="snapshot"/>, or as of now when it is null.</summary>
    public static bool TryGet(EdgeStore store, IReadPoint? snapshot, ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        store.ThrowIfDisposed();
        store.ValidateKey(key);

        // The state first, then the sequence number: everything at or below that number that is not in the
        // state's sources was written after the state was taken, so the read is a consistent cut.
        var state = snapshot?.AcquireState() ?? store.AcquireState();
        try
        {
            return PointLookup.TryGet(state, key, snapshot?.Sequence ?? store.ReadSequence(state), store.Clock, out value);
        }
        finally
        {
            state.Release();
        }
    }

    /// <summary>The entries in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>); an empty bound is open.</summary>
    public static EdgeScan Scan(EdgeStore store, IReadPoint? snapshot, ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive)
    {
        store.ThrowIfDisposed();
        return new EdgeScan(store, snapshot, startInclusive.ToArray(), endExclusive.IsEmpty ? null : endExclusive.ToArray());
    }

    /// <summary>The entries whose key starts with <paramref name="prefix"/> (every entry when it is empty).</summary>
    public static EdgeScan ScanPrefix(EdgeStore store, IReadPoint? snapshot, ReadOnlySpan<byte> prefix)
    {
        store.ThrowIfDisposed();
        return new EdgeScan(store, snapshot, prefix.ToArray(), KeyBounds.PrefixSuccessor(prefix));
    }
}
