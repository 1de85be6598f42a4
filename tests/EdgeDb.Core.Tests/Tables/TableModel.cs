using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

internal sealed record TableEntry(byte[] Key, ulong Sequence, EntryKind Kind, byte[] Value)
{
    public override string ToString() => $"{Convert.ToHexString(Key)}@{Sequence}:{Kind}:{Value.Length}";
}

/// <summary>Random table contents in internal order, and the answers a table holding them must give.</summary>
internal sealed class TableModel
{
    private static readonly byte[][] Prefixes = [[], "user/"u8.ToArray(), "user/0000"u8.ToArray(), [0x00], [0xFF, 0xFF], [0x00, 0x00, 0x00]];
    private static readonly byte[] Alphabet = [0x00, 0x01, (byte)'a', (byte)'b', 0x7F, 0xFE, 0xFF];

    public TableModel(List<TableEntry> entries)
    {
        entries.Sort((a, b) => InternalKey.Compare(a.Key, a.Sequence, b.Key, b.Sequence));
        Entries = entries;
    }

    public List<TableEntry> Entries { get; }

    public ulong MaxSequence => Entries.Max(e => e.Sequence);

    /// <summary>
    /// Keys with shared prefixes and 0x00/0xFF bytes, 1 to 4 versions each, deletes, empty values,
    /// compressible and random values, and some values larger than <paramref name="largeValueSize"/>.
    /// </summary>
    public static TableModel Random(int seed, int distinctKeys, int largeValueSize)
    {
        var random = new Random(seed);
        var keys = new HashSet<string>();
        var entries = new List<TableEntry>();
        var sequences = Enumerable.Range(1, distinctKeys * 4).Select(i => (ulong)i * 3).OrderBy(_ => random.Next()).ToArray();
        var nextSequence = 0;
        while (keys.Count < distinctKeys)
        {
            var prefix = Prefixes[random.Next(Prefixes.Length)];
            var suffix = new byte[random.Next(1, 12)];
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            byte[] key = [.. prefix, .. suffix];
            if (!keys.Add(Convert.ToHexString(key)))
            {
                continue;
            }

            var versions = random.Next(1, 5);
            for (var v = 0; v < versions; v++)
            {
                var sequence = sequences[nextSequence++];
                if (random.Next(5) == 0)
                {
                    entries.Add(new TableEntry(key, sequence, EntryKind.Delete, []));
                }
                else
                {
                    entries.Add(new TableEntry(key, sequence, EntryKind.Put, RandomValue(random, largeValueSize)));
                }
            }
        }

        return new TableModel(entries);
    }

    /// <summary>The newest version of the key at or below the snapshot, or null.</summary>
    public TableEntry? Get(ReadOnlySpan<byte> key, ulong snapshot)
    {
        var at = LowerBound(key, snapshot);
        return at < Entries.Count && Entries[at].Key.AsSpan().SequenceEqual(key) ? Entries[at] : null;
    }

    /// <summary>The index of the first entry at or after (key, sequence), or Count.</summary>
    public int LowerBound(ReadOnlySpan<byte> key, ulong sequence)
    {
        int low = 0, high = Entries.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (InternalKey.Compare(Entries[middle].Key, Entries[middle].Sequence, key, sequence) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    public TableProperties Write(string path, TableWriterOptions options)
    {
        using var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, options);
        foreach (var entry in Entries)
        {
            writer.Add(entry.Key, entry.Sequence, entry.Kind, entry.Value);
        }

        return writer.Finish();
    }

    private static byte[] RandomValue(Random random, int largeValueSize)
    {
        var pick = random.Next(20);
        if (pick < 2)
        {
            return [];
        }

        if (pick == 2)
        {
            // Larger than a block, and compressible.
            var large = new byte[largeValueSize + random.Next(largeValueSize)];
            for (var i = 0; i < large.Length; i++)
            {
                large[i] = (byte)('a' + (i % 7));
            }

            return large;
        }

        var value = new byte[random.Next(1, 100)];
        if (pick < 10)
        {
            random.NextBytes(value);
        }
        else
        {
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = (byte)"the quick brown fox "[i % 20];
            }
        }

        return value;
    }
}
