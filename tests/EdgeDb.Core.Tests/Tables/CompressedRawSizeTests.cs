using System.Buffers.Binary;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

/// <summary>
/// A compressed block whose raw-size field lies, with a CRC that matches the lie: refused as corruption before a
/// buffer of the claimed size is allocated, by point reads and by scans (the two read paths allocate differently).
/// </summary>
public sealed class CompressedRawSizeTests
{
    [Theory]
    [InlineData(1, 256u * 1024 * 1024)]   // the fault report's 256 MiB, LZ4
    [InlineData(2, 256u * 1024 * 1024)]   // and Zstandard
    [InlineData(1, 1u << 30)]             // the format's old 1 GiB limit
    [InlineData(2, 1u << 30)]
    [InlineData(1, 64 * 1024)]            // small lies: more than the stream can produce, but within the table's raw size
    [InlineData(2, 300 * 1024)]
    [InlineData(1, 100)]                  // and less than it produces
    [InlineData(2, 100)]
    public void A_lying_raw_size_is_corruption_before_anything_of_that_size_is_allocated(byte compression, uint claimed)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine(StoreFileNames.Table(1));
        var keys = WriteCompressibleTable(path, (TableCompression)compression);
        var file = File.ReadAllBytes(path);
        var (offset, size) = FirstDataBlock(file);
        Assert.Equal(compression, file[offset + size]);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), claimed);
        TableFiles.ResealBlock(file, offset, size);
        File.WriteAllBytes(path, file);

        using var reader = TableReader.Open(FileSystem.Os, path, 1, cache: null);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var lookup = Assert.Throws<EdgeCorruptionException>(() => reader.TryGet(keys[0], ulong.MaxValue >> 8, out _, out _));
        var scan = Assert.Throws<EdgeCorruptionException>(() =>
        {
            using var iterator = reader.CreateIterator();
            while (iterator.MoveNext())
            {
            }
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"raw size of {claimed}", lookup.Message.Replace("impossible raw size of", "raw size of", StringComparison.Ordinal));
        Assert.Equal(offset, lookup.Offset);
        Assert.Equal(offset, scan.Offset);
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated for a block that claims {claimed}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Honest_compressed_blocks_of_any_ratio_still_read(byte compression)
    {
        using var directory = new TempDirectory();
        var path = directory.Combine(StoreFileNames.Table(1));
        var model = new TableModel([
            new TableEntry(Bytes.Of("a"), 1, EntryKind.Put, new byte[4 * 1024 * 1024]),  // zeros: about 255:1 (LZ4), 30,000:1 (Zstd)
            new TableEntry(Bytes.Of("b"), 2, EntryKind.Put, Bytes.Of("small")),
        ]);
        model.Write(path, new TableWriterOptions { Compression = (TableCompression)compression });
        Assert.True(new FileInfo(path).Length < 100 * 1024);

        using var reader = TableReader.Open(FileSystem.Os, path, 1, cache: null);
        Assert.True(reader.TryGet(Bytes.Of("a"), ulong.MaxValue >> 8, out _, out var value));
        Assert.Equal(4 * 1024 * 1024, value!.Length);
        using var iterator = reader.CreateIterator();
        Assert.True(iterator.MoveNext());
        Assert.Equal(4 * 1024 * 1024, iterator.Value.Length);
    }

    private static List<byte[]> WriteCompressibleTable(string path, TableCompression compression)
    {
        var entries = new List<TableEntry>();
        for (var i = 0; i < 200; i++)
        {
            entries.Add(new TableEntry(Bytes.Of($"key/{i:D4}"), (ulong)(i + 1), EntryKind.Put, Bytes.Of(new string('v', 100))));
        }

        new TableModel(entries).Write(path, new TableWriterOptions { Compression = compression });
        return entries.Select(e => e.Key).ToList();
    }

    private static (int Offset, int Size) FirstDataBlock(byte[] file)
    {
        var handle = TableFiles.FirstIndexHandleOffset(file);
        return ((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(handle)), (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(handle + 8)));
    }
}
