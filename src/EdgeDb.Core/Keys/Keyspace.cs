using System.ComponentModel;
using System.Text;

namespace EdgeDb.Internal;

/// <summary>
/// The 5-byte prefixes that give each collection and each secondary index its own range of one store
/// (docs/key-encoding.md, "Keyspace prefixes"). A prefix depends only on the name, so it is the same in
/// every build; the generator computes the same bytes at compile time. For generated code and tools: hidden from
/// completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Keyspace
{
    /// <summary>The length of every keyspace prefix.</summary>
    public const int PrefixLength = 5;

    /// <summary>The first byte of EdgeDb's own records (the catalogue).</summary>
    public const byte SystemTag = 0x00;

    /// <summary>The first byte of a collection's entities.</summary>
    public const byte CollectionTag = 0x01;

    /// <summary>The first byte of a secondary index's entries.</summary>
    public const byte IndexTag = 0x02;

    /// <summary>The prefix of the collection <paramref name="collectionName"/>.</summary>
    public static byte[] CollectionPrefix(string collectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionName);
        return Prefix(CollectionTag, collectionName);
    }

    /// <summary>The prefix of the index on <paramref name="memberName"/> of the collection <paramref name="collectionName"/>.</summary>
    public static byte[] IndexPrefix(string collectionName, string memberName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collectionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(memberName);
        return Prefix(IndexTag, IndexName(collectionName, memberName));
    }

    /// <summary>The keyspace name of an index, as the catalogue records it: <c>collection/Member</c>.</summary>
    public static string IndexName(string collectionName, string memberName) => collectionName + "/" + memberName;

    /// <summary>The 32-bit FNV-1a hash of <paramref name="bytes"/>.</summary>
    public static uint Fnv1a32(ReadOnlySpan<byte> bytes)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 0x01000193u);
        }

        return hash;
    }

    private static byte[] Prefix(byte tag, string name)
    {
        var hash = Fnv1a32(Encoding.UTF8.GetBytes(name));
        return [tag, (byte)(hash >> 24), (byte)(hash >> 16), (byte)(hash >> 8), (byte)hash];
    }
}
