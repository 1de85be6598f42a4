using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;
using static EdgeDb.Typed.Tests.Keys.KeyBytes;

namespace EdgeDb.Typed.Tests.Keys;

/// <summary>Freezes the bytes of docs/key-encoding.md: a change here moves existing data and needs a new encoding version.</summary>
public class GoldenBytesTests
{
    [Theory]
    [InlineData(int.MinValue, "00 00 00 00")]
    [InlineData(-1, "7F FF FF FF")]
    [InlineData(0, "80 00 00 00")]
    [InlineData(1, "80 00 00 01")]
    [InlineData(int.MaxValue, "FF FF FF FF")]
    public void Int32(int value, string expected) => Assert.Equal(Spaced(expected), Hex((ref KeyWriter w) => w.WriteInt32(value)));

    [Fact]
    public void Integers_of_every_width()
    {
        Assert.Equal("00", Hex((ref KeyWriter w) => w.WriteByte(0)));
        Assert.Equal("FF", Hex((ref KeyWriter w) => w.WriteByte(255)));
        Assert.Equal("00", Hex((ref KeyWriter w) => w.WriteSByte(sbyte.MinValue)));
        Assert.Equal("7F", Hex((ref KeyWriter w) => w.WriteSByte(-1)));
        Assert.Equal("81", Hex((ref KeyWriter w) => w.WriteSByte(1)));
        Assert.Equal("7FFE", Hex((ref KeyWriter w) => w.WriteInt16(-2)));
        Assert.Equal("1234", Hex((ref KeyWriter w) => w.WriteUInt16(0x1234)));
        Assert.Equal("DEADBEEF", Hex((ref KeyWriter w) => w.WriteUInt32(0xDEADBEEF)));
        Assert.Equal("7FFFFFFFFFFFFFFF", Hex((ref KeyWriter w) => w.WriteInt64(-1)));
        Assert.Equal("8000000000000005", Hex((ref KeyWriter w) => w.WriteInt64(5)));
        Assert.Equal("0102030405060708", Hex((ref KeyWriter w) => w.WriteUInt64(0x0102030405060708)));
        Assert.Equal("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", Hex((ref KeyWriter w) => w.WriteInt128(-1)));
        Assert.Equal("80000000000000000000000000000001", Hex((ref KeyWriter w) => w.WriteInt128(1)));
        Assert.Equal("00000000000000010000000000000002", Hex((ref KeyWriter w) => w.WriteUInt128(new UInt128(1, 2))));
    }

    [Fact]
    public void Descending_is_the_ones_complement()
    {
        Assert.Equal("7FFFFFFFFFFFFFFF", Hex((ref KeyWriter w) => w.WriteInt64(0, descending: true)));
        Assert.Equal("FF", Hex((ref KeyWriter w) => w.WriteBoolean(false, descending: true)));
        Assert.Equal("9EFFFE", Hex((ref KeyWriter w) => w.WriteString("a", 8, descending: true)));
        Assert.Equal("FE7FFFFFFA", Hex((ref KeyWriter w) =>
        {
            w.WritePresent(descending: true);
            w.WriteInt32(5, descending: true);
        }));
    }

    [Fact]
    public void Bool_char_and_enum()
    {
        Assert.Equal("00", Hex((ref KeyWriter w) => w.WriteBoolean(false)));
        Assert.Equal("01", Hex((ref KeyWriter w) => w.WriteBoolean(true)));
        Assert.Equal("00E9", Hex((ref KeyWriter w) => w.WriteChar('é')));
        Assert.Equal("02", Hex((ref KeyWriter w) => w.WriteByte((byte)Colour.Green)));
    }

    [Fact]
    public void Floating_point()
    {
        Assert.Equal("BFF0000000000000", Hex((ref KeyWriter w) => w.WriteDouble(1.0)));
        Assert.Equal("400FFFFFFFFFFFFF", Hex((ref KeyWriter w) => w.WriteDouble(-1.0)));
        Assert.Equal("8000000000000000", Hex((ref KeyWriter w) => w.WriteDouble(0.0)));
        Assert.Equal("8000000000000000", Hex((ref KeyWriter w) => w.WriteDouble(-0.0)));
        Assert.Equal("FFF0000000000000", Hex((ref KeyWriter w) => w.WriteDouble(double.PositiveInfinity)));
        Assert.Equal("000FFFFFFFFFFFFF", Hex((ref KeyWriter w) => w.WriteDouble(double.NegativeInfinity)));
        Assert.Equal("0000000000000000", Hex((ref KeyWriter w) => w.WriteDouble(double.NaN)));
        Assert.Equal("0000000000000000", Hex((ref KeyWriter w) => w.WriteDouble(BitConverter.UInt64BitsToDouble(0xFFF8_0000_0000_0001))));
        Assert.Equal("BF800000", Hex((ref KeyWriter w) => w.WriteSingle(1.0f)));
        Assert.Equal("007FFFFF", Hex((ref KeyWriter w) => w.WriteSingle(float.NegativeInfinity)));
        Assert.Equal("00000000", Hex((ref KeyWriter w) => w.WriteSingle(float.NaN)));
        Assert.Equal("80000000", Hex((ref KeyWriter w) => w.WriteSingle(-0.0f)));
    }

    [Fact]
    public void Decimal()
    {
        Assert.Equal(Spaced("01 00 00 00 00 00 00 00 00 00 00 00 00 30 77 B5 8D 5D 37 83 91 98 00 00 00 01"), Hex((ref KeyWriter w) => w.WriteDecimal(1.5m)));
        Assert.Equal(Spaced("01" + string.Concat(Enumerable.Repeat("00", 24)) + "00"), Hex((ref KeyWriter w) => w.WriteDecimal(0m)));
        Assert.Equal(Spaced("01" + string.Concat(Enumerable.Repeat("00", 24)) + "02"), Hex((ref KeyWriter w) => w.WriteDecimal(0.00m)));
        Assert.Equal(Spaced("01" + string.Concat(Enumerable.Repeat("00", 24)) + "00"), Hex((ref KeyWriter w) => w.WriteDecimal(-0m)));
        Assert.Equal(Spaced("00 FF FF FF FF FF FF FF FF FF FF FF FF CF 88 4A 72 A2 C8 7C 6E 67 FF FF FF 01"), Hex((ref KeyWriter w) => w.WriteDecimal(-1.5m)));
    }

    [Fact]
    public void Guid_in_rfc_4122_order()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal("00112233445566778899AABBCCDDEEFF", Hex((ref KeyWriter w) => w.WriteGuid(guid)));
    }

    [Fact]
    public void Dates_and_times()
    {
        var instant = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(Spaced("88 DE 48 C8 B4 F8 00 00 80 00"), Hex((ref KeyWriter w) => w.WriteDateTimeOffset(instant)));
        Assert.Equal(Spaced("88 DE 48 C8 B4 F8 00 00 80 3C"), Hex((ref KeyWriter w) => w.WriteDateTimeOffset(instant.ToOffset(TimeSpan.FromHours(1)))));
        Assert.Equal(Spaced("88 DE 48 C8 B4 F8 00 00 01"), Hex((ref KeyWriter w) => w.WriteDateTime(instant.UtcDateTime)));
        Assert.Equal(Spaced("88 DE 48 C8 B4 F8 00 00 00"), Hex((ref KeyWriter w) => w.WriteDateTime(new DateTime(2026, 1, 1))));
        Assert.Equal(Spaced("80 0B 49 20"), Hex((ref KeyWriter w) => w.WriteDateOnly(new DateOnly(2026, 1, 1))));
        Assert.Equal(Spaced("80 00 00 00 00 00 00 00"), Hex((ref KeyWriter w) => w.WriteTimeOnly(TimeOnly.MinValue)));
        Assert.Equal(Spaced("80 00 00 00 00 98 96 80"), Hex((ref KeyWriter w) => w.WriteTimeSpan(TimeSpan.FromSeconds(1))));
        Assert.Equal(Spaced("7F FF FF FF FF 67 69 80"), Hex((ref KeyWriter w) => w.WriteTimeSpan(TimeSpan.FromSeconds(-1))));
    }

    [Theory]
    [InlineData("", "00 01")]
    [InlineData("a", "61 00 01")]
    [InlineData("a\0b", "61 00 FF 62 00 01")]
    [InlineData("é", "C3 A9 00 01")]
    [InlineData("€", "E2 82 AC 00 01")]
    [InlineData("😀", "ED A0 BD ED B8 80 00 01")]
    [InlineData("dev1", "64 65 76 31 00 01")]
    public void Strings(string value, string expected) => Assert.Equal(Spaced(expected), Hex((ref KeyWriter w) => w.WriteString(value, 16)));

    [Fact]
    public void A_lone_surrogate_keeps_its_own_bytes()
    {
        // Not an [InlineData]: attribute strings are stored as UTF-8 and would lose the lone surrogate.
        Assert.Equal(Spaced("ED B0 80 00 01"), Hex((ref KeyWriter w) => w.WriteString("\uDC00", 16)));
        Assert.Equal(Spaced("ED A0 80 78 00 01"), Hex((ref KeyWriter w) => w.WriteString("\uD800x", 16)));
    }

    [Fact]
    public void Byte_arrays_and_nullables()
    {
        Assert.Equal("0001", Hex((ref KeyWriter w) => w.WriteBytes([], 4)));
        Assert.Equal("0100FF020001", Hex((ref KeyWriter w) => w.WriteBytes([1, 0, 2], 4)));
        Assert.Equal("00", Hex((ref KeyWriter w) => w.WriteNull()));
        Assert.Equal("0180000005", Hex((ref KeyWriter w) =>
        {
            w.WritePresent();
            w.WriteInt32(5);
        }));
    }

    [Fact]
    public void Keyspace_prefixes()
    {
        Assert.Equal("015423CB18", Hex(Keyspace.CollectionPrefix("readings")));
        Assert.Equal("02A39D9E8A", Hex(Keyspace.IndexPrefix("readings", "Room")));
        Assert.Equal(Hex(Keyspace.CollectionPrefix("readings")), Hex(SensorReadingKey.Prefix.ToArray()));
        Assert.Equal(Hex(Keyspace.CollectionPrefix("orders")), Hex(OrderKey.Prefix.ToArray()));
    }

    [Fact]
    public void A_composite_generated_key()
    {
        var key = new SensorReadingKey("dev1", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(Spaced("01 54 23 CB 18  64 65 76 31 00 01  88 DE 48 C8 B4 F8 00 00  80 00"), Hex(key.ToArray()));
        Assert.Equal(5 + (3 * 64) + 2 + 10, SensorReadingKey.MaxEncodedLength);
    }

    [Fact]
    public void Maximum_lengths_are_reached_and_not_passed()
    {
        var longest = new string('\uFFFF', 64);
        var key = new SensorReadingKey(longest, DateTimeOffset.MaxValue);
        Assert.Equal(SensorReadingKey.MaxEncodedLength, key.ToArray().Length);
        Assert.Equal(KeyEncoding.MaxStringLength(3), Of((ref KeyWriter w) => w.WriteString("\uFFFF\uFFFF\uFFFF", 3)).Length);
        Assert.Equal(KeyEncoding.MaxBytesLength(3), Of((ref KeyWriter w) => w.WriteBytes(new byte[3], 3)).Length);
        Assert.Equal(KeyEncoding.DecimalLength, Of((ref KeyWriter w) => w.WriteDecimal(decimal.MinValue)).Length);
    }

    [Fact]
    public void Over_long_parts_raise_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SensorReadingKey(new string('x', 65), default).ToArray());
        Assert.Throws<ArgumentNullException>(() => new SensorReadingKey(null!, default).ToArray());
        Assert.Throws<ArgumentException>(() => Of((ref KeyWriter w) => w.WriteBytes(new byte[5], 4)));
    }
}
