using System.Diagnostics.CodeAnalysis;
using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>
/// A point read through a read state, newest source first (docs/lsm.md, "Reads"): the first version at or below
/// the snapshot decides, a tombstone meaning absent.
/// </summary>
internal static class PointLookup
{
    /// <param name="state">The sources to ask.</param>
    /// <param name="key">The key.</param>
    /// <param name="snapshot">The newest sequence number the read may see.</param>
    /// <param name="clock">The store's clock, read only when the version found expires.</param>
    /// <param name="value">A copy of the value.</param>
    public static bool TryGet(ReadState state, ReadOnlySpan<byte> key, ulong snapshot, TimeProvider clock, [NotNullWhen(true)] out byte[]? value)
    {
        // One hash for every filter and index asked below.
        var hash = KeyDigest.Hash(key);
        if (state.Active.TryGetVersion(key, hash, snapshot, out var entry) || TryImmutables(state, key, hash, snapshot, out entry))
        {
            // A copy: the caller may change what it gets without changing the store.
            value = Expiry.TryVisible(entry.Kind, entry.ValueSpan, clock, out var visible) ? visible.ToArray() : null;
            return value is not null;
        }

        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator, once per read.
        var level0 = state.Levels[0];
        for (var i = 0; i < level0.Count; i++)
        {
            var table = level0[i];
            if (table.Metadata.Covers(key) && table.Reader.TryGet(key, hash, snapshot, out var kind, out value))
            {
                return Decide(kind, clock, ref value);
            }
        }

        for (var level = 1; level < state.Levels.Length; level++)
        {
            var table = SortedLevel.Covering(state.Levels[level], key);
            if (table is not null && table.Reader.TryGet(key, hash, snapshot, out var kind, out value))
            {
                return Decide(kind, clock, ref value);
            }
        }

        value = null;
        return false;
    }

    private static bool TryImmutables(ReadState state, ReadOnlySpan<byte> key, ulong hash, ulong snapshot, out MemTableEntry entry)
    {
        var immutables = state.Immutables;
        for (var i = 0; i < immutables.Count; i++)
        {
            if (immutables[i].Table.TryGetVersion(key, hash, snapshot, out entry))
            {
                return true;
            }
        }

        entry = default;
        return false;
    }

    private static bool Decide(EntryKind kind, TimeProvider clock, [NotNullWhen(true)] ref byte[]? value)
    {
        if (value is not null && Expiry.TryVisible(kind, value, clock, out var visible))
        {
            // An expiring value comes back with its expiry in front: hand out the user's bytes only.
            value = kind == EntryKind.PutExpiring ? visible.ToArray() : value;
            return true;
        }

        value = null;
        return false;
    }
}
