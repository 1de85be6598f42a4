using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Tests.MemTables;

public sealed class MemTableHashIndexTests
{
    [Theory]
    [InlineData(64L * 1024 * 1024)] // grows from 1,024 slots to 4,096 on the way: the index answers alone
    [InlineData(4096)]              // stays at 1,024 slots, full at 768 keys: the rest are found by the skip list,
                                    // and versions of indexed keys still move
    public void Lookups_through_the_index_agree_with_the_skip_list_at_every_snapshot(long budget)
    {
        var table = new MemTable(budget);
        var random = new Random(21);
        const int Keys = 2000;
        ulong sequence = 0;
        for (var i = 0; i < 8000; i++)
        {
            var key = KeyOf(random.Next(Keys));
            var kind = random.Next(5) == 0 ? EntryKind.Delete : EntryKind.Put;
            table.Add(++sequence, kind, key, BitConverter.GetBytes(sequence));
        }

        Assert.Equal(budget == 4096, table.HashIndexFull);
        for (var k = 0; k < Keys + 50; k++)
        {
            var key = KeyOf(k);
            foreach (var snapshot in new ulong[] { 0, 1, 500, 2000, 5000, 7999, 8000, ulong.MaxValue })
            {
                var byIndex = table.TryGetVersion(key, snapshot, out var indexed);
                var bySearch = table.TryGetVersionBySearch(key, snapshot, out var searched);
                Assert.Equal(bySearch, byIndex);
                if (byIndex)
                {
                    Assert.Equal(searched.Sequence, indexed.Sequence);
                    Assert.Equal(searched.Kind, indexed.Kind);
                    Assert.True(searched.ValueSpan.SequenceEqual(indexed.ValueSpan));
                }
            }
        }
    }

    [Fact]
    public async Task Readers_find_the_newest_published_version_while_the_writer_overwrites()
    {
        var table = new MemTable(64L * 1024 * 1024);
        // 5,000 keys: the index grows twice (1,024 to 4,096 to 16,384 slots) while the readers look.
        const int Total = 200_000;
        const int Keys = 5000;
        var published = 0L;
        var writer = Task.Run(
            () =>
            {
                for (var i = 1; i <= Total; i++)
                {
                    table.Add((ulong)i, EntryKind.Put, KeyOf(i % Keys), BitConverter.GetBytes(i));
                    Volatile.Write(ref published, i);
                }
            },
            TestContext.Current.CancellationToken);

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(
            () =>
            {
                var random = new Random(r);
                var violations = 0;
                while (Volatile.Read(ref published) < Total)
                {
                    var snapshot = Volatile.Read(ref published);
                    var k = random.Next(Keys);

                    // The newest write of key k at or below the snapshot: the largest i <= snapshot with i % Keys == k.
                    var expected = snapshot - ((snapshot - k + Keys) % Keys);
                    var found = table.TryGetVersion(KeyOf(k), (ulong)snapshot, out var entry);
                    if (expected < 1 ? found : !found || entry.Sequence != (ulong)expected || BitConverter.ToInt32(entry.ValueSpan) != expected)
                    {
                        violations++;
                    }
                }

                return violations;
            },
            TestContext.Current.CancellationToken)).ToArray();

        await writer;
        Assert.All(await Task.WhenAll(readers), v => Assert.Equal(0, v));
    }

    private static byte[] KeyOf(int k) => System.Text.Encoding.ASCII.GetBytes($"key/{k:D5}");
}
