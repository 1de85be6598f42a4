using EdgeDb.MemTables;
using EdgeDb.Format;

namespace EdgeDb.Tests.MemTables;

public sealed class MemTableFilterTests
{
    [Fact]
    public void Every_added_key_may_be_contained_and_few_absent_ones_are_at_the_design_load()
    {
        // The default budget and the benchmark's entry size: 64 MiB of 16-byte keys with 100-byte values.
        const long budget = 64L * 1024 * 1024;
        var keys = budget / MemTableEntry.SizeOf(2, 16, 100);
        var filter = new MemTableFilter(budget);
        var key = new byte[16];
        for (long i = 0; i < keys; i++)
        {
            BitConverter.TryWriteBytes(key, i * 7919);
            filter.Add(KeyDigest.Hash(key));
        }

        for (long i = 0; i < keys; i++)
        {
            BitConverter.TryWriteBytes(key, i * 7919);
            Assert.True(filter.MayContain(KeyDigest.Hash(key)));
        }

        var falsePositives = 0;
        const int probes = 200_000;
        for (long i = 0; i < probes; i++)
        {
            BitConverter.TryWriteBytes(key, (i * 7919) + 1);
            BitConverter.TryWriteBytes(key.AsSpan(8), -1L);
            falsePositives += filter.MayContain(KeyDigest.Hash(key)) ? 1 : 0;
        }

        Assert.InRange((double)falsePositives / probes, 0, 0.05);
    }

    [Fact]
    public void A_MemTable_lookup_finds_every_key_through_its_filter_even_overloaded()
    {
        // The smallest filter (64 words) with far more keys than it is sized for: false positives rise, misses never.
        var table = new MemTable(4096);
        var random = new Random(3);
        var keys = new List<byte[]>();
        for (ulong sequence = 1; sequence <= 20_000; sequence++)
        {
            var key = new byte[random.Next(1, 12)];
            random.NextBytes(key);
            keys.Add(key);
            table.Add(sequence, EntryKind.Put, key, key);
        }

        foreach (var key in keys)
        {
            Assert.True(table.TryGetVersion(key, ulong.MaxValue, out var entry));
            Assert.True(entry.Key.SequenceEqual(key));
        }
    }
}
