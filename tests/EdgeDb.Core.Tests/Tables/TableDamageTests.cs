using System.Buffers.Binary;
using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

/// <summary>Damaged table files: every read gives the right answer or raises EdgeCorruptionException.</summary>
public sealed class TableDamageTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Every_flipped_byte_is_detected_and_never_returns_wrong_data(byte compressionType)
    {
        using var directory = new TempDirectory();
        var (model, original) = SmallTable(directory, (TableCompression)compressionType);
        var path = directory.Combine("00000002.sst");

        var byScan = 0;
        var byLookups = 0;
        for (var offset = 0; offset < original.Length; offset++)
        {
            var damaged = (byte[])original.Clone();
            damaged[offset] ^= (byte)(1 << (offset % 8));
            File.WriteAllBytes(path, damaged);
            var (scanDetected, lookupsDetected) = ReadEverything(path, model);
            byScan += scanDetected ? 1 : 0;
            byLookups += lookupsDetected ? 1 : 0;
        }

        // Every byte is under a CRC or is the magic, so no flip may go unnoticed by a full scan, nor by lookups of
        // every entry (which read uncached blocks into a thread's scratch buffer, not an array of their own).
        Assert.Equal(original.Length, byScan);
        Assert.Equal(original.Length, byLookups);
    }

    [Fact]
    public void Every_truncation_is_refused_on_open()
    {
        using var directory = new TempDirectory();
        var (model, original) = SmallTable(directory, TableCompression.None);
        var path = directory.Combine("00000002.sst");
        for (var length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(path, original[..length]);
            Assert.Throws<EdgeCorruptionException>(() => TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache: null).Dispose());
        }

        File.WriteAllBytes(path, original);
        Assert.Equal((false, false), ReadEverything(path, model));
    }

    [Theory]
    [InlineData(40, 0x7FFFFFFFUL)]         // index size
    [InlineData(40, 0xFFFFFFFFUL)]
    [InlineData(32, 0xFFFFFFFFUL)]         // index offset
    [InlineData(24, 0x7FFFFFFFUL)]         // properties size
    [InlineData(16, ulong.MaxValue)]       // properties offset
    [InlineData(8, 0xFFFFFFFFUL)]          // filter size
    [InlineData(0, 0x7FFFFFFFUL)]          // filter offset
    [InlineData(40, ulong.MaxValue - 2)]   // offset + size + trailer overflows
    public void A_footer_claiming_huge_lengths_is_refused_without_allocating_them(int field, ulong value)
    {
        using var directory = new TempDirectory();
        var (_, original) = SmallTable(directory, TableCompression.None);
        var damaged = (byte[])original.Clone();
        TableFiles.SetFooterField(damaged, field, value);
        var path = directory.Combine("00000002.sst");
        File.WriteAllBytes(path, damaged);

        AssertRefusedCheaply(path);
    }

    [Theory]
    [InlineData(0, 0xFFFFFFFFU)]          // data block size in the first index handle
    [InlineData(0, 0x7FFFFFFFU)]
    [InlineData(4, 0x7FFFFFFFU)]          // high half of the data block offset
    public void An_index_handle_claiming_a_huge_block_is_refused_without_allocating_it(int halfOffset, uint value)
    {
        using var directory = new TempDirectory();
        var (_, original) = SmallTable(directory, TableCompression.None);
        var damaged = (byte[])original.Clone();
        var handleAt = TableFiles.FirstIndexHandleOffset(damaged);
        BinaryPrimitives.WriteUInt32LittleEndian(damaged.AsSpan(handleAt + 4 + halfOffset), value);
        var (indexOffset, indexSize) = TableFiles.IndexHandle(damaged);
        TableFiles.ResealBlock(damaged, indexOffset, indexSize);
        var path = directory.Combine("00000002.sst");
        File.WriteAllBytes(path, damaged);

        AssertRefusedCheaply(path);
    }

    [Fact]
    public void Impossible_properties_under_a_valid_crc_are_refused()
    {
        using var directory = new TempDirectory();
        var (_, original) = SmallTable(directory, TableCompression.None);
        var path = directory.Combine("00000002.sst");
        var (propertiesOffset, propertiesSize) = TableFiles.PropertiesHandle(original);

        foreach (var (at, bytes) in new (int, byte[])[] { (16, new byte[8]), (72, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]), (0, [2]) })
        {
            var damaged = (byte[])original.Clone();
            bytes.CopyTo(damaged.AsSpan((int)propertiesOffset + at));
            TableFiles.ResealBlock(damaged, propertiesOffset, propertiesSize);
            File.WriteAllBytes(path, damaged);
            var error = Assert.Throws<EdgeCorruptionException>(() => TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache: null).Dispose());
            Assert.Equal(propertiesOffset, error.Offset);
        }
    }

    [Fact]
    public void A_damaged_data_block_fails_only_the_reads_that_need_it_and_is_never_cached()
    {
        using var directory = new TempDirectory();
        var (model, original) = SmallTable(directory, TableCompression.None);
        var path = directory.Combine("00000002.sst");
        var damaged = (byte[])original.Clone();
        damaged[3] ^= 0x10; // inside the first data block
        File.WriteAllBytes(path, damaged);

        var cache = new BlockCache(1 << 20);
        using var reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache);
        var first = model.Entries[0];
        var last = model.Entries[^1];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = Assert.Throws<EdgeCorruptionException>(() => reader.TryGet(first.Key, ulong.MaxValue, out _, out _));
            Assert.Equal(path, error.FilePath);
            Assert.Equal(0, error.Offset);
        }

        // Two reads of a good block: the second is admitted to the cache, unlike the damaged block's two misses.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.True(reader.TryGet(last.Key, ulong.MaxValue, out _, out var value));
            Assert.Equal(last.Value, value);
        }

        Assert.Equal(1, cache.Count);

        using var iterator = reader.CreateIterator();
        Assert.Throws<EdgeCorruptionException>(() => iterator.SeekToFirst());
    }

    private static void AssertRefusedCheaply(string path)
    {
        // Warm up the paths taken so the JIT's own allocations are not counted.
        Assert.Throws<EdgeCorruptionException>(() => TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache: null).Dispose());
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<EdgeCorruptionException>(() => TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache: null).Dispose());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64 * 1024, $"refusing the table allocated {allocated} bytes");
    }

    /// <summary>A few blocks (256-byte target) with a filter: small enough to damage at every byte.</summary>
    private static (TableModel Model, byte[] Bytes) SmallTable(TempDirectory directory, TableCompression compression)
    {
        var entries = new List<TableEntry>();
        for (var i = 0; i < 24; i++)
        {
            var key = Bytes.Of($"key/{i:D3}");
            entries.Add(new TableEntry(key, (ulong)(100 + i), EntryKind.Put, Bytes.Of(new string((char)('a' + (i % 26)), i % 30))));
            if (i % 4 == 0)
            {
                entries.Add(new TableEntry(key, (ulong)(200 + i), EntryKind.Delete, []));
            }
        }

        var model = new TableModel(entries);
        var path = directory.Combine("00000001.sst");
        var properties = model.Write(path, new TableWriterOptions { BlockSize = 256, Compression = compression });
        Assert.InRange(properties.DataBlockCount, 3, 8);
        return (model, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Opens the table and reads every entry by a scan and by lookups at two snapshots. Every answer must match
    /// the model; EdgeCorruptionException is the only other outcome allowed. Says whether the scan and whether the
    /// lookups reported damage (both, when opening the table did).
    /// </summary>
    private static (bool Scan, bool Lookups) ReadEverything(string path, TableModel model)
    {
        TableReader reader;
        try
        {
            reader = TableReader.Open(EdgeDb.Storage.FileSystem.Os, path, 2, cache: null);
        }
        catch (EdgeCorruptionException)
        {
            return (true, true);
        }

        var scanDetected = false;
        var lookupsDetected = false;
        using (reader)
        {
            try
            {
                using var iterator = reader.CreateIterator();
                var index = 0;
                while (iterator.MoveNext())
                {
                    var expected = model.Entries[index++];
                    Assert.Equal(expected.Key, iterator.Key.ToArray());
                    Assert.Equal(expected.Sequence, iterator.Sequence);
                    Assert.Equal(expected.Kind, iterator.Kind);
                    Assert.Equal(expected.Value, iterator.Value.ToArray());
                }

                Assert.Equal(model.Entries.Count, index);
            }
            catch (EdgeCorruptionException)
            {
                scanDetected = true;
            }

            // Each version looked up at its own sequence number: the newest one of each key, and the older ones.
            foreach (var entry in model.Entries)
            {
                try
                {
                    Assert.True(reader.TryGet(entry.Key, entry.Sequence, out var kind, out var value));
                    Assert.Equal(entry.Kind, kind);
                    Assert.Equal(entry.Kind == EntryKind.Put ? entry.Value : null, value);
                }
                catch (EdgeCorruptionException)
                {
                    lookupsDetected = true;
                }
            }
        }

        return (scanDetected, lookupsDetected);
    }
}
