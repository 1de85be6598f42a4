using System.Text;

namespace EdgeDb.SourceModel;

/// <summary>
/// The 5-byte keyspace prefixes, computed at compile time exactly as EdgeDb.Internal.Keyspace computes them at run
/// time (docs/key-encoding.md, "Keyspace prefixes").
/// </summary>
internal static class KeyspacePrefix
{
    public const int Length = 5;

    public static byte[] ForCollection(string collectionName) => Compute(0x01, collectionName);

    public static byte[] ForIndex(string collectionName, string memberName) => Compute(0x02, IndexName(collectionName, memberName));

    public static string IndexName(string collectionName, string memberName) => collectionName + "/" + memberName;

    private static byte[] Compute(byte tag, string name)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 0x01000193u);
        }

        return new[] { tag, (byte)(hash >> 24), (byte)(hash >> 16), (byte)(hash >> 8), (byte)hash };
    }
}
