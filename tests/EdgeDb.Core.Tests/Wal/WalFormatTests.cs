using System.Buffers.Binary;
using EdgeDb.Tests.Support;
using EdgeDb.Wal;
using EdgeDb.Writes;
using EdgeDb.Format;

namespace EdgeDb.Tests.Wal;

/// <summary>Freezes the bytes of docs/wal-format.md: a change here is a format change and needs a new version.</summary>
public sealed class WalFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
    }

    [Fact]
    public void A_new_store_writes_the_documented_segment_header()
    {
        using (EdgeStore.Open(_dir.Path))
        {
        }

        var bytes = File.ReadAllBytes(_dir.Combine("00000001.wal"));
        Assert.Equal(WalFormat.SegmentHeaderSize, bytes.Length);
        Assert.Equal("454447455741 4C0A".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(bytes, 0, 8)); // "EDGEWAL\n"
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(Crc32C.Compute(bytes.AsSpan(0, 28)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28)));
    }

    [Fact]
    public void A_batch_record_has_the_documented_bytes()
    {
        using (var store = EdgeStore.Open(_dir.Path))
        {
            var batch = new WriteBatch();
            batch.Put("ab"u8, "xyz"u8);
            batch.Delete("c"u8);
            store.Write(batch);
        }

        var record = File.ReadAllBytes(_dir.Combine("00000001.wal")).AsSpan(WalFormat.SegmentHeaderSize);

        // Payload: count 2 | Put, len 2, "ab", len 3, "xyz" | Delete, len 1, "c"
        const string payload = "02000000" + "01" + "02" + "6162" + "03" + "78797A" + "02" + "01" + "63";
        Assert.Equal(WalFormat.RecordHeaderSize + (payload.Length / 2), record.Length);
        Assert.Equal(payload, Convert.ToHexString(record[WalFormat.RecordHeaderSize..]));

        var header = record[..WalFormat.RecordHeaderSize];
        Assert.Equal((uint)(payload.Length / 2), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(header[8..]));
        Assert.Equal(Crc32C.Compute(Convert.FromHexString(payload)), BinaryPrimitives.ReadUInt32LittleEndian(header[16..]));
        Assert.Equal("01000000", Convert.ToHexString(header[20..24]));
        Assert.Equal(Crc32C.Compute(header[4..]), BinaryPrimitives.ReadUInt32LittleEndian(header));

        // The frozen bytes of this exact record: any change to the layout or the CRC breaks this line.
        Assert.Equal("0A025EE50F0000000100000000000000241E7CED01000000" + payload, Convert.ToHexString(record));
    }

    [Theory]
    [InlineData(0u, "00")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "8001")]
    [InlineData(300u, "AC02")]
    [InlineData(uint.MaxValue, "FFFFFFFF0F")]
    public void Varints_are_unsigned_LEB128(uint value, string hex)
    {
        Span<byte> buffer = stackalloc byte[Varint.MaxLength];
        var length = Varint.Write(buffer, value);
        Assert.Equal(hex, Convert.ToHexString(buffer[..length]));
        Assert.True(Varint.TryRead(buffer[..length], out var read, out var readLength));
        Assert.Equal((value, length), (read, readLength));
    }

    [Theory]
    [InlineData("80")]          // ends mid-varint
    [InlineData("FFFFFFFF1F")]  // more than 32 bits
    [InlineData("8080808080")]  // more than 5 bytes
    public void Malformed_varints_are_rejected(string hex)
    {
        Assert.False(Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Theory]
    [InlineData("00000000", "declares no operations")]
    [InlineData("0100", "shorter than its operation count")]
    [InlineData("FFFFFFFF01016100", "more than its")]
    [InlineData("01000000" + "04" + "0161", "unknown operation kind")]
    [InlineData("01000000" + "03" + "0161" + "03" + "000000", "fewer than its 8-byte expiry")]
    [InlineData("01000000" + "01" + "0561" + "00", "key length of 5")]
    [InlineData("01000000" + "01" + "0061" + "00", "key length of 0")]
    [InlineData("01000000" + "01" + "0161" + "05AA", "value length of 5")]
    [InlineData("01000000" + "02" + "0161" + "FF", "left over")]
    public void Malformed_batch_payloads_are_named(string hex, string problem)
    {
        var error = BatchPayload.Validate(Convert.FromHexString(hex), out _);
        Assert.NotNull(error);
        Assert.Contains(problem, error);
    }

}
