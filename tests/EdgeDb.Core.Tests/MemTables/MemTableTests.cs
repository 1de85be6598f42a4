using EdgeDb.MemTables;
using EdgeDb.TestHost;
using EdgeDb.Format;

namespace EdgeDb.Tests.MemTables;

public sealed class MemTableTests
{
    [Fact]
    public void Iteration_is_by_key_then_newest_version_first()
    {
        var table = new MemTable();
        table.Add(1, EntryKind.Put, [2], [1]);
        table.Add(2, EntryKind.Put, [1], [2]);
        table.Add(3, EntryKind.Delete, [2], []);
        table.Add(4, EntryKind.Put, [1, 0], [4]);
        table.Add(5, EntryKind.Put, [1], [5]);

        var order = new List<string>();
        for (var node = table.Seek([], ulong.MaxValue); node.Exists; node = table.Next(node))
        {
            order.Add($"{Convert.ToHexString(node.Key)}@{node.Sequence}");
        }

        Assert.Equal(["01@5", "01@2", "0100@4", "02@3", "02@1"], order);
        Assert.Equal(5, table.Count);
    }

    [Fact]
    public void A_lookup_sees_the_newest_version_at_or_below_its_snapshot()
    {
        var table = new MemTable();
        table.Add(1, EntryKind.Put, "k"u8, "v1"u8);
        table.Add(5, EntryKind.Put, "k"u8, "v5"u8);
        table.Add(9, EntryKind.Delete, "k"u8, []);

        Assert.False(table.TryGetVersion("k"u8, 0, out _));
        Assert.True(table.TryGetVersion("k"u8, 4, out var node));
        Assert.Equal("v1"u8.ToArray(), node.ValueSpan.ToArray());
        Assert.True(table.TryGetVersion("k"u8, 8, out node));
        Assert.Equal("v5"u8.ToArray(), node.ValueSpan.ToArray());
        Assert.True(table.TryGetVersion("k"u8, 9, out node));
        Assert.Equal(EntryKind.Delete, node.Kind);
        Assert.False(table.TryGetVersion("j"u8, 9, out _));
        Assert.False(table.TryGetVersion("k\0"u8, 9, out _));
    }

    [Fact]
    public void Size_accounting_counts_each_node_as_laid_out_in_the_arena()
    {
        var table = new MemTable();
        table.Add(1, EntryKind.Put, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], new byte[100]);
        table.Add(2, EntryKind.Delete, new byte[20], [9, 9, 9]);

        Assert.True(table.TryGetVersion([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1, out var put));
        Assert.True(table.TryGetVersion(new byte[20], 2, out var delete));
        Assert.Equal(0, delete.ValueSpan.Length);

        // 28-byte header, 4 bytes per level, key, value (none for a delete: a given one is dropped), padded to 8.
        var expected = ((28 + (4 * put.Height) + 10 + 100 + 7) & ~7) + ((28 + (4 * delete.Height) + 20 + 7) & ~7);
        Assert.Equal(expected, table.ApproximateBytes);
    }

    [Fact]
    public void Values_larger_than_a_slab_share_get_slabs_of_their_own_and_keep_their_neighbours_intact()
    {
        var table = new MemTable();
        var random = new Random(11);
        var expected = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        ulong sequence = 0;
        foreach (var size in new[] { 0, 1, 100, 70_000, MemTableArena.DedicatedNodeBytes, 300_000, 5, 1_100_000, 64, 2 * MemTableArena.MaxSlabBytes })
        {
            for (var copy = 0; copy < 3; copy++)
            {
                var key = $"k{size:D8}-{copy}";
                var value = new byte[size];
                random.NextBytes(value);
                table.Add(++sequence, EntryKind.Put, System.Text.Encoding.ASCII.GetBytes(key), value);
                expected[key] = value;
            }
        }

        foreach (var (key, value) in expected)
        {
            Assert.True(table.TryGetVersion(System.Text.Encoding.ASCII.GetBytes(key), ulong.MaxValue, out var entry));
            Assert.True(entry.ValueSpan.SequenceEqual(value), key);
        }

        var walked = new List<string>();
        for (var node = table.Seek([], ulong.MaxValue); node.Exists; node = table.Next(node))
        {
            walked.Add(System.Text.Encoding.ASCII.GetString(node.Key));
        }

        Assert.Equal(expected.Keys, walked);
    }

    [Fact]
    public void Random_inserts_iterate_in_sorted_order()
    {
        var random = new Random(5);
        var table = new MemTable();
        var expected = new SortedSet<byte[]>(ByteArrayComparer.Instance);
        for (ulong sequence = 1; sequence <= 20_000; sequence++)
        {
            var key = new byte[random.Next(1, 6)];
            random.NextBytes(key);
            if (expected.Add(key))
            {
                table.Add(sequence, EntryKind.Put, key, []);
            }
        }

        var actual = new List<byte[]>();
        for (var node = table.Seek([], ulong.MaxValue); node.Exists; node = table.Next(node))
        {
            actual.Add(node.Key.ToArray());
        }

        Assert.Equal(expected.Select(Convert.ToHexString), actual.Select(Convert.ToHexString));
    }

    [Fact]
    public async Task Readers_walk_the_list_safely_while_the_writer_inserts()
    {
        var table = new MemTable();
        // Enough nodes for dozens of slabs, so readers race the growth of the slab directory too.
        const int total = 300_000;
        var published = 0L;
        var writer = Task.Run(
            () =>
        {
            var random = new Random(9);
            for (var i = 1; i <= total; i++)
            {
                var key = BitConverter.GetBytes(random.Next());
                table.Add((ulong)i, EntryKind.Put, key, key);
                Volatile.Write(ref published, i);
            }
        },
            TestContext.Current.CancellationToken);

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var violations = 0;
            while (Volatile.Read(ref published) < total)
            {
                var seen = 0L;
                var floor = Volatile.Read(ref published);
                ReadOnlyMemory<byte> previous = default;
                for (var node = table.Seek([], ulong.MaxValue); node.Exists; node = table.Next(node))
                {
                    if (seen > 0 && previous.Span.SequenceCompareTo(node.Key) > 0)
                    {
                        violations++;
                    }

                    if (!node.Key.SequenceEqual(node.ValueSpan))
                    {
                        violations++;
                    }

                    previous = node.KeyMemory;
                    seen++;
                }

                // Everything published before the walk began is in it (nodes are never unlinked).
                if (seen < floor)
                {
                    violations++;
                }
            }

            return violations;
        }, TestContext.Current.CancellationToken)).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal(0, v));
        Assert.Equal(total, table.Count);
    }
}
