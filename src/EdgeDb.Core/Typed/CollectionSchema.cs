using System.ComponentModel;
using System.Text;

namespace EdgeDb.Internal;

/// <summary>
/// A collection's schema as the generator saw its model (docs/key-encoding.md, "Schemas"): the canonical lines of its
/// key parts and indexes. For generated repositories: hidden from completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CollectionSchema
{
    private const string Header = "edgedb-schema 1";

    /// <summary>Creates the schema of <paramref name="name"/>.</summary>
    /// <param name="name">The collection's name.</param>
    /// <param name="prefix">The collection's keyspace prefix.</param>
    /// <param name="keyParts">One canonical line per key part, in key order (without the "key " word).</param>
    /// <param name="indexes">Per index: its member name, its keyspace prefix and its canonical line (without "index ").</param>
    public CollectionSchema(string name, byte[] prefix, string[] keyParts, IndexSchema[] indexes)
    {
        Name = name;
        Prefix = prefix;
        KeyParts = keyParts;
        Indexes = indexes;
        Text = Render(name, keyParts, indexes);
    }

    /// <summary>The record's text: computed once, since every construction of a repository compares it.</summary>
    public string Text { get; }

    /// <summary>The collection's name.</summary>
    public string Name { get; }

    /// <summary>The collection's keyspace prefix.</summary>
    public byte[] Prefix { get; }

    /// <summary>The canonical key part lines.</summary>
    public IReadOnlyList<string> KeyParts { get; }

    /// <summary>The indexes.</summary>
    public IReadOnlyList<IndexSchema> Indexes { get; }

    /// <summary>The key layout in one line, for messages.</summary>
    public string KeyLayout => string.Join(", ", KeyParts);

    /// <summary>The record's bytes.</summary>
    public byte[] Encode() => Encoding.UTF8.GetBytes(Text);

    private static string Render(string name, string[] keyParts, IndexSchema[] indexes)
    {
        var text = new StringBuilder(Header).Append('\n').Append("collection ").Append(name).Append('\n');
        foreach (var part in keyParts)
        {
            text.Append("key ").Append(part).Append('\n');
        }

        foreach (var index in indexes)
        {
            text.Append("index ").Append(index.Line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a record back: the key part lines and the index lines.</summary>
    /// <exception cref="EdgeCorruptionException">The record is not a schema record.</exception>
    internal static (List<string> KeyParts, List<string> IndexLines) Decode(string collection, byte[] record)
    {
        var lines = Encoding.UTF8.GetString(record).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2 || lines[0] != Header || lines[1] != "collection " + collection)
        {
            throw new EdgeCorruptionException($"The schema record of collection '{collection}' is not one this version reads (it starts '{(lines.Length > 0 ? lines[0] : "")}').");
        }

        var keys = new List<string>();
        var indexes = new List<string>();
        foreach (var line in lines.Skip(2))
        {
            if (line.StartsWith("key ", StringComparison.Ordinal))
            {
                keys.Add(line[4..]);
            }
            else if (line.StartsWith("index ", StringComparison.Ordinal))
            {
                indexes.Add(line[6..]);
            }
            else
            {
                throw new EdgeCorruptionException($"The schema record of collection '{collection}' has a line this version does not read: '{line}'.");
            }
        }

        return (keys, indexes);
    }
}

/// <summary>One index of a <see cref="CollectionSchema"/>. For generated repositories: hidden from completion lists.</summary>
/// <param name="Member">The indexed member's name.</param>
/// <param name="Prefix">The index's keyspace prefix.</param>
/// <param name="Line">Its canonical line, starting with the member's name.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record IndexSchema(string Member, byte[] Prefix, string Line);

/// <summary>
/// Writes the index entry of one stored entity for the index named <paramref name="member"/> into <paramref name="batch"/>
/// (generated per collection; used to build an index from stored entities).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void IndexEntryWriter(string member, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteBatch batch);
