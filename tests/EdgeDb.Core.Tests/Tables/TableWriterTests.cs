using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

public sealed class TableWriterTests
{
    [Fact]
    public void Entries_out_of_internal_order_are_refused()
    {
        using var directory = new TempDirectory();
        using var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, directory.Combine("00000001.sst"), new TableWriterOptions());
        writer.Add("b"u8, 10, EntryKind.Put, "x"u8);

        Assert.Throws<InvalidOperationException>(() => writer.Add("a"u8, 20, EntryKind.Put, "x"u8));   // smaller key
        Assert.Throws<InvalidOperationException>(() => writer.Add("b"u8, 11, EntryKind.Put, "x"u8));   // newer version after older
        Assert.Throws<InvalidOperationException>(() => writer.Add("b"u8, 10, EntryKind.Delete, []));  // same key and sequence

        writer.Add("b"u8, 9, EntryKind.Delete, []);
        writer.Add("b\0"u8, 30, EntryKind.Put, []);
        Assert.Equal(3, writer.Finish().EntryCount);
    }

    [Fact]
    public void Bad_entries_are_refused()
    {
        using var directory = new TempDirectory();
        using var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, directory.Combine("00000001.sst"), new TableWriterOptions());
        Assert.Throws<ArgumentException>(() => writer.Add([], 1, EntryKind.Put, []));
        Assert.Throws<ArgumentException>(() => writer.Add(new byte[FormatLimits.MaxKeyLength + 1], 1, EntryKind.Put, []));
        Assert.Throws<ArgumentException>(() => writer.Add("k"u8, 1, EntryKind.Delete, "v"u8));
        Assert.Throws<ArgumentException>(() => writer.Add("k"u8, 1, (EntryKind)3, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Add("k"u8, 1UL << 56, EntryKind.Put, []));
        Assert.Throws<InvalidOperationException>(() => writer.Finish());
    }

    [Fact]
    public void A_writer_disposed_without_finish_deletes_its_file()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BlockSize = 256 }))
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Add(BitConverter.GetBytes(i).Reverse().ToArray(), 1, EntryKind.Put, new byte[50]);
            }

            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));

        var abandoned = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions());
        abandoned.Add("k"u8, 1, EntryKind.Put, []);
        abandoned.Abandon();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_finished_table_survives_dispose_and_an_existing_file_is_never_overwritten()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions()))
        {
            writer.Add("k"u8, 1, EntryKind.Put, "v"u8);
            writer.Finish();
            Assert.Throws<ObjectDisposedException>(() => writer.Add("l"u8, 1, EntryKind.Put, []));
        }

        Assert.True(File.Exists(path));
        var size = new FileInfo(path).Length;
        Assert.Throws<IOException>(() => TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions()));
        Assert.Equal(size, new FileInfo(path).Length);
    }

    [Fact]
    public void A_full_disk_deletes_the_partial_table_and_raises_the_io_error()
    {
        using var mount = TmpfsMount.TryMount(256, out var reason);
        if (mount is null)
        {
            Assert.Skip(reason);
        }

        var path = Path.Combine(mount.Path, "00000001.sst");
        var value = new byte[10_000];
        new Random(7).NextBytes(value);
        var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions());
        var error = Assert.Throws<IOException>(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                writer.Add(BitConverter.GetBytes(i).Reverse().ToArray(), 1, EntryKind.Put, value);
            }

            writer.Finish();
        });

        Assert.NotNull(error);
        Assert.False(File.Exists(path));
        Assert.Throws<ObjectDisposedException>(() => writer.Add([0xFF], 1, EntryKind.Put, []));
        writer.Dispose();
    }
}
