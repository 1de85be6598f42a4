using EdgeDb.MemTables;
using EdgeDb.Tables;
using EdgeDb.Tests.Support;
using EdgeDb.Format;

namespace EdgeDb.Tests.Tables;

/// <summary>Freezes the byte layout of docs/table-format.md.</summary>
public sealed class TableFormatTests
{
    [Fact]
    public void A_one_entry_table_is_byte_for_byte_the_documented_layout()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BloomBitsPerKey = 0 }))
        {
            writer.Add("k"u8, 1, EntryKind.Put, "v"u8);
            writer.Finish();
        }

        byte[] tag = [0x01, 0x01, 0, 0, 0, 0, 0, 0]; // sequence 1 << 8 | Put
        byte[] restartsOfOne = [0, 0, 0, 0, 1, 0, 0, 0];
        byte[] data = [0x00, 0x01, 0x01, (byte)'k', .. tag, (byte)'v', .. restartsOfOne];
        byte[] properties =
        [
            1, 0, 0, 0,                 // format version
            0, 0, 0, 0,                 // compression none, reserved
            0x00, 0x10, 0, 0,           // block size 4096
            0, 0, 0, 0,                 // bloom bits per key
            1, 0, 0, 0, 0, 0, 0, 0,     // entries
            0, 0, 0, 0, 0, 0, 0, 0,     // deletes
            1, 0, 0, 0, 0, 0, 0, 0,     // distinct keys
            1, 0, 0, 0, 0, 0, 0, 0,     // data blocks
            1, 0, 0, 0, 0, 0, 0, 0,     // smallest sequence
            1, 0, 0, 0, 0, 0, 0, 0,     // largest sequence
            21, 0, 0, 0, 0, 0, 0, 0,    // raw data size
            1, (byte)'k', 1, (byte)'k', // smallest and largest key
        ];
        byte[] handle = [0, 0, 0, 0, 0, 0, 0, 0, 21, 0, 0, 0];
        byte[] index = [0x00, 0x01, 0x0C, (byte)'k', .. tag, .. handle, .. restartsOfOne];
        byte[] footerFields =
        [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // no filter
            26, 0, 0, 0, 0, 0, 0, 0, 76, 0, 0, 0, 0, 0, 0, 0, // properties at 26, 76 bytes
            107, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0, 0, 0, 0, 0, // index at 107, 32 bytes
            1, 0, 0, 0,                                       // format version
        ];
        var footerCrc = BitConverter.GetBytes(EdgeDb.Format.Crc32C.Compute(footerFields));
        byte[] magic = [0x45, 0x44, 0x47, 0x45, 0x53, 0x53, 0x54, 0x0A]; // "EDGESST\n"
        byte[] expected =
        [
            .. TableFiles.WithTrailer(data), .. TableFiles.WithTrailer(properties), .. TableFiles.WithTrailer(index),
            .. footerFields, .. footerCrc, .. magic,
        ];

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(File.ReadAllBytes(path)));
        Assert.Equal(208, expected.Length);
    }

    [Fact]
    public void The_filter_block_sits_between_the_data_and_the_properties()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("00000001.sst");
        using (var writer = TableWriter.Create(EdgeDb.Storage.FileSystem.Os, path, new TableWriterOptions { BloomBitsPerKey = 10 }))
        {
            for (var i = 0; i < 100; i++)
            {
                writer.Add(Bytes.Of($"k{i:D3}"), 1, EntryKind.Put, []);
            }

            writer.Finish();
        }

        var file = File.ReadAllBytes(path);
        var filterOffset = TableFiles.FooterField(file, 0);
        var filterSize = TableFiles.FooterField(file, 8);
        Assert.Equal((2 * 64) + 1, (int)filterSize);  // 1,000 bits rounded up to two 512-bit lines, and the probe byte
        Assert.Equal(0x80 | 7, file[filterOffset + filterSize - 1]); // blocked layout, 7 probes
        Assert.Equal(filterOffset + filterSize + 5, TableFiles.FooterField(file, 16));
    }
}
