using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace EdgeDb.Internal;

/// <summary>
/// The store's record of which name owns each keyspace prefix (docs/key-encoding.md, "The catalogue"), so
/// that two names whose prefixes collide are caught before either writes under the other's prefix. For generated
/// repositories: hidden from completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EdgeCatalog
{
    private static readonly byte[] s_catalogPrefix = [Keyspace.SystemTag, (byte)'c'];
    private static readonly ConditionalWeakTable<EdgeStore, Dictionary<string, object>> s_locks = [];

    /// <summary>
    /// Records that <paramref name="name"/> owns <paramref name="prefix"/> in <paramref name="store"/>, or checks
    /// that it already does. Returns the object that serializes read-modify-write operations on that keyspace
    /// of that store (one per store and name), which repositories lock while they keep indexes in step.
    /// </summary>
    /// <exception cref="EdgeKeyspaceConflictException">Another name owns the prefix.</exception>
    public static object Register(EdgeStore store, ReadOnlySpan<byte> prefix, string name)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (prefix.Length != Keyspace.PrefixLength)
        {
            throw new ArgumentException($"A keyspace prefix is {Keyspace.PrefixLength} bytes; this one is {prefix.Length}.", nameof(prefix));
        }

        Span<byte> key = stackalloc byte[s_catalogPrefix.Length + Keyspace.PrefixLength];
        s_catalogPrefix.CopyTo(key);
        prefix.CopyTo(key[s_catalogPrefix.Length..]);

        var locks = s_locks.GetOrCreateValue(store);
        lock (locks)
        {
            if (locks.TryGetValue(name, out var existingLock))
            {
                return existingLock;
            }

            var nameBytes = Encoding.UTF8.GetBytes(name);
            if (store.TryGet(key, out var owner))
            {
                if (!owner.AsSpan().SequenceEqual(nameBytes))
                {
                    throw new EdgeKeyspaceConflictException(name, Encoding.UTF8.GetString(owner));
                }
            }
            else
            {
                store.Put(key, nameBytes);
            }

            var keyspaceLock = new object();
            locks.Add(name, keyspaceLock);
            return keyspaceLock;
        }
    }

    /// <summary>The name that owns <paramref name="prefix"/> in <paramref name="store"/>, or null when none does.</summary>
    public static string? FindOwner(EdgeStore store, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(store);
        Span<byte> key = stackalloc byte[s_catalogPrefix.Length + prefix.Length];
        s_catalogPrefix.CopyTo(key);
        prefix.CopyTo(key[s_catalogPrefix.Length..]);
        return store.TryGet(key, out var owner) ? Encoding.UTF8.GetString(owner) : null;
    }
}
