using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

public sealed class TableBloomTests
{
    [Fact]
    public void The_filter_skips_most_absent_keys_at_about_one_percent_false_positives()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        const int Present = 20_000;
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BloomBitsPerKey = 10 }))
        {
            for (var i = 0; i < Present; i++)
            {
                // Two versions of every key: the filter counts each key once.
                writer.Add(Key(2 * i), 2, EntryKind.Put, "v"u8);
                writer.Add(Key(2 * i), 1, EntryKind.Put, "w"u8);
            }

            Assert.Equal(Present, writer.Finish().DistinctKeyCount);
        }

        using var table = CountedTable.Open(path, 1, cache: null);
        var reader = table.Reader;
        Assert.True(reader.HasFilter);
        for (var i = 0; i < Present; i += 97)
        {
            Assert.True(reader.TryGet(Key(2 * i), 10, out _, out var value));
            Assert.Equal("v"u8.ToArray(), value);
        }

        const int Absent = 20_000;
        var falsePositives = 0L;
        for (var i = 0; i < Absent; i++)
        {
            // Odd numbers lie between present keys, inside the table's key range.
            var readsBefore = table.BlockReads;
            Assert.False(reader.TryGet(Key((2 * i) + 1), ulong.MaxValue, out _, out _));
            falsePositives += table.BlockReads - readsBefore;
        }

        var rate = (double)falsePositives / Absent;
        Assert.True(rate < 0.03, $"false-positive rate {rate:P2}");
        Assert.True(rate > 0.001, $"false-positive rate {rate:P2} is implausibly low for 10 bits per key");
    }

    [Fact]
    public void Without_a_filter_every_lookup_in_range_reads_a_block()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BloomBitsPerKey = 0 }))
        {
            for (var i = 0; i < 100; i++)
            {
                writer.Add(Key(2 * i), 1, EntryKind.Put, "v"u8);
            }

            writer.Finish();
        }

        using var table = CountedTable.Open(path, 1, cache: null);
        var reader = table.Reader;
        Assert.False(reader.HasFilter);
        for (var i = 0; i < 50; i++)
        {
            Assert.False(reader.TryGet(Key((2 * i) + 1), 5, out _, out _));
        }

        Assert.Equal(50, table.BlockReads);

        // A key past the table's range is answered from its properties, without a block.
        Assert.False(reader.TryGet(Key(1_000_000), 5, out _, out _));
        Assert.Equal(50, table.BlockReads);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_layouts_find_every_key_and_reject_about_one_percent_of_absent_ones(bool blocked)
    {
        // The whole-array layout is what tables written before the blocked one hold: it must keep reading.
        const int Keys = 50_000;
        var hashes = Enumerable.Range(0, Keys).Select(i => KeyDigest.Hash(Key(2 * i))).ToList();
        var block = BloomFilter.Build(hashes, bitsPerKey: 10, blocked);
        var filter = BloomFilter.Open(block, block.Length, "test.sst", 0);
        Assert.Equal(blocked, filter.IsBlocked);
        Assert.Equal(7, filter.Probes);
        Assert.All(Enumerable.Range(0, Keys), i => Assert.True(filter.MayContain(KeyDigest.Hash(Key(2 * i)))));

        var falsePositives = Enumerable.Range(0, Keys).Count(i => filter.MayContain(KeyDigest.Hash(Key((2 * i) + 1))));
        var rate = (double)falsePositives / Keys;
        Assert.InRange(rate, 0.002, blocked ? 0.02 : 0.015);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0x80 })]             // blocked, no probes
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0x87 })]             // blocked, 8 bytes: not a whole line
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 31 })]               // more probes than allowed
    public void A_filter_block_with_an_impossible_layout_is_corruption(byte[] block) =>
        Assert.Throws<EdgeCorruptionException>(() => BloomFilter.Open(block, block.Length, "test.sst", 0));

    [Fact]
    public void Probe_counts_follow_bits_per_key()
    {
        Assert.Equal(7, BloomFilter.ProbesFor(10));
        Assert.Equal(1, BloomFilter.ProbesFor(1));
        Assert.Equal(BloomFilter.MaxProbes, BloomFilter.ProbesFor(64));
    }

    private static byte[] Key(int i) => Bytes.Of($"key-{i:D8}");
}
