using EdgeDb.Internal;

namespace EdgeDb.Typed.Tests.Keys;

/// <summary>Every key type of docs/key-encoding.md with its random values, edge cases and .NET comparison.</summary>
public static class KeyTypeCases
{
    public static readonly IKeyTypeCase[] All =
    [
        new KeyTypeCase<bool>("bool", r => r.Next(2) == 1, [false, true], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, bool v, bool d) => w.WriteBoolean(v, d), (ref KeyReader r, bool d) => r.ReadBoolean(d)),
        new KeyTypeCase<byte>("byte", r => (byte)r.Next(256), [0, 1, 127, 128, 255], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, byte v, bool d) => w.WriteByte(v, d), (ref KeyReader r, bool d) => r.ReadByte(d)),
        new KeyTypeCase<sbyte>("sbyte", r => (sbyte)r.Next(-128, 128), [sbyte.MinValue, -1, 0, 1, sbyte.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, sbyte v, bool d) => w.WriteSByte(v, d), (ref KeyReader r, bool d) => r.ReadSByte(d)),
        new KeyTypeCase<short>("short", r => (short)r.Next(short.MinValue, short.MaxValue + 1), [short.MinValue, -1, 0, 1, short.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, short v, bool d) => w.WriteInt16(v, d), (ref KeyReader r, bool d) => r.ReadInt16(d)),
        new KeyTypeCase<ushort>("ushort", r => (ushort)r.Next(65536), [0, 1, 0x7FFF, 0x8000, ushort.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, ushort v, bool d) => w.WriteUInt16(v, d), (ref KeyReader r, bool d) => r.ReadUInt16(d)),
        new KeyTypeCase<char>("char", r => (char)r.Next(65536), ['\0', 'a', '\u00FF', '\uD800', '\uFFFF'], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, char v, bool d) => w.WriteChar(v, d), (ref KeyReader r, bool d) => r.ReadChar(d)),
        new KeyTypeCase<int>("int", r => r.Next(int.MinValue, int.MaxValue), [int.MinValue, -1, 0, 1, int.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, int v, bool d) => w.WriteInt32(v, d), (ref KeyReader r, bool d) => r.ReadInt32(d)),
        new KeyTypeCase<uint>("uint", r => (uint)r.NextInt64(0, 1L << 32), [0, 1, 0x7FFF_FFFF, 0x8000_0000, uint.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, uint v, bool d) => w.WriteUInt32(v, d), (ref KeyReader r, bool d) => r.ReadUInt32(d)),
        new KeyTypeCase<long>("long", r => r.NextInt64(long.MinValue, long.MaxValue), [long.MinValue, -1, 0, 1, long.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, long v, bool d) => w.WriteInt64(v, d), (ref KeyReader r, bool d) => r.ReadInt64(d)),
        new KeyTypeCase<ulong>("ulong", r => (ulong)r.NextInt64(long.MinValue, long.MaxValue), [0, 1, long.MaxValue, 1UL << 63, ulong.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, ulong v, bool d) => w.WriteUInt64(v, d), (ref KeyReader r, bool d) => r.ReadUInt64(d)),
        new KeyTypeCase<Int128>("Int128", r => new Int128((ulong)r.NextInt64(long.MinValue, long.MaxValue), (ulong)r.NextInt64(long.MinValue, long.MaxValue)), [Int128.MinValue, -1, 0, 1, Int128.MaxValue, long.MinValue, ulong.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, Int128 v, bool d) => w.WriteInt128(v, d), (ref KeyReader r, bool d) => r.ReadInt128(d)),
        new KeyTypeCase<UInt128>("UInt128", r => new UInt128((ulong)r.NextInt64(long.MinValue, long.MaxValue), (ulong)r.NextInt64(long.MinValue, long.MaxValue)), [UInt128.MinValue, 1, UInt128.MaxValue, ulong.MaxValue], (a, b) => a.CompareTo(b),
            (ref KeyWriter w, UInt128 v, bool d) => w.WriteUInt128(v, d), (ref KeyReader r, bool d) => r.ReadUInt128(d)),
        new KeyTypeCase<float>("float", RandomSingle,
            [float.NegativeInfinity, float.MinValue, -1f, -float.Epsilon, -0.0f, 0.0f, float.Epsilon, 1f, float.MaxValue, float.PositiveInfinity, float.NaN, -float.NaN],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, float v, bool d) => w.WriteSingle(v, d), (ref KeyReader r, bool d) => r.ReadSingle(d)),
        new KeyTypeCase<double>("double", RandomDouble,
            [double.NegativeInfinity, double.MinValue, -1.0, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1.0, double.MaxValue, double.PositiveInfinity, double.NaN, BitConverter.UInt64BitsToDouble(0xFFF8_0000_0000_0001), 1e-300, -1e300],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d), (ref KeyReader r, bool d) => r.ReadDouble(d)),
        new KeyTypeCase<decimal>("decimal", RandomDecimal,
            [decimal.MinValue, decimal.MaxValue, -1m, -1.0m, 0m, 0.0m, -0m, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m, 1m, 1.00m, 79228162514264337593543950335m, 7.9228162514264337593543950335m],
            (a, b) => a.CompareTo(b) is var c and not 0 ? c : a.Scale.CompareTo(b.Scale),
            (ref KeyWriter w, decimal v, bool d) => w.WriteDecimal(v, d), (ref KeyReader r, bool d) => r.ReadDecimal(d)),
        new KeyTypeCase<Guid>("Guid", r => new Guid(RandomBytes(r, 16)), [Guid.Empty, Guid.AllBitsSet, Guid.Parse("80000000-0000-0000-0000-000000000000"), Guid.Parse("00000000-8000-0000-0000-000000000000"), Guid.Parse("00000000-0000-8000-0000-000000000000")],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, Guid v, bool d) => w.WriteGuid(v, d), (ref KeyReader r, bool d) => r.ReadGuid(d)),
        new KeyTypeCase<DateTime>("DateTime", r => new DateTime(r.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), (DateTimeKind)r.Next(3)),
            [DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local), new DateTime(2026, 1, 1)],
            (a, b) => a.CompareTo(b) is var c and not 0 ? c : a.Kind.CompareTo(b.Kind),
            (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d), (ref KeyReader r, bool d) => r.ReadDateTime(d)),
        new KeyTypeCase<DateTimeOffset>("DateTimeOffset", RandomDateTimeOffset,
            [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14))],
            (a, b) => a.CompareTo(b) is var c and not 0 ? c : a.Offset.CompareTo(b.Offset),
            (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d), (ref KeyReader r, bool d) => r.ReadDateTimeOffset(d)),
        new KeyTypeCase<DateOnly>("DateOnly", r => DateOnly.FromDayNumber(r.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1)), [DateOnly.MinValue, DateOnly.MaxValue],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, DateOnly v, bool d) => w.WriteDateOnly(v, d), (ref KeyReader r, bool d) => r.ReadDateOnly(d)),
        new KeyTypeCase<TimeOnly>("TimeOnly", r => new TimeOnly(r.NextInt64(0, TimeOnly.MaxValue.Ticks + 1)), [TimeOnly.MinValue, TimeOnly.MaxValue],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, TimeOnly v, bool d) => w.WriteTimeOnly(v, d), (ref KeyReader r, bool d) => r.ReadTimeOnly(d)),
        new KeyTypeCase<TimeSpan>("TimeSpan", r => new TimeSpan(r.NextInt64(long.MinValue, long.MaxValue)), [TimeSpan.MinValue, TimeSpan.Zero, TimeSpan.MaxValue, TimeSpan.FromTicks(-1)],
            (a, b) => a.CompareTo(b),
            (ref KeyWriter w, TimeSpan v, bool d) => w.WriteTimeSpan(v, d), (ref KeyReader r, bool d) => r.ReadTimeSpan(d)),
        new KeyTypeCase<string>("string", RandomString,
            ["", "\0", "\0\0", "a", "a\0", "a\0b", "dev1", "dev10", "dev2", "\u007F", "\u0080", "\u07FF", "\u0800", "\uD7FF", "\uD800", "\uDBFF\uDFFF", "\uE000", "\uFFFF", "😀", "\uDC00", "\uD800x", new string('z', 40)],
            string.CompareOrdinal,
            (ref KeyWriter w, string v, bool d) => w.WriteString(v, 64, d), (ref KeyReader r, bool d) => r.ReadString(d)),
        new KeyTypeCase<byte[]>("byte[]", r => RandomBytes(r, r.Next(0, 6)).Select(b => (byte)(b % 4 == 0 ? 0 : b)).ToArray(),
            [[], [0], [0, 0], [0, 1], [0, 0xFF], [1], [0xFF], [0xFF, 0], [1, 2, 3]],
            (a, b) => a.AsSpan().SequenceCompareTo(b),
            (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v, 64, d), (ref KeyReader r, bool d) => r.ReadBytes(d)),
        new KeyTypeCase<int?>("int?", r => r.Next(4) == 0 ? null : r.Next(-5, 5), [null, int.MinValue, 0, int.MaxValue],
            (a, b) => Comparer<int?>.Default.Compare(a, b),
            WriteNullableInt32, ReadNullableInt32),
    ];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static IKeyTypeCase Get(string name) => All.Single(c => c.Name == name);

    private static void WriteNullableInt32(ref KeyWriter writer, int? value, bool descending)
    {
        if (value is { } v)
        {
            writer.WritePresent(descending);
            writer.WriteInt32(v, descending);
        }
        else
        {
            writer.WriteNull(descending);
        }
    }

    private static int? ReadNullableInt32(ref KeyReader reader, bool descending) => reader.ReadPresence(descending) ? reader.ReadInt32(descending) : null;

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static float RandomSingle(Random random) => random.Next(4) switch
    {
        0 => BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32)),
        1 => (float)random.Next(-3, 4),
        _ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 39))),
    };

    private static double RandomDouble(Random random) => random.Next(4) switch
    {
        0 => BitConverter.UInt64BitsToDouble((ulong)random.NextInt64(long.MinValue, long.MaxValue)),
        1 => random.Next(-3, 4),
        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
    };

    private static decimal RandomDecimal(Random random) => random.Next(3) switch
    {
        0 => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 1, (byte)random.Next(29)),
        1 => new decimal(random.Next(-1000, 1000), 0, 0, false, (byte)random.Next(4)) * (random.Next(2) == 1 ? -1 : 1),
        _ => new decimal(random.Next(10), 0, 0, random.Next(2) == 1, (byte)random.Next(29)),
    };

    private static DateTimeOffset RandomDateTimeOffset(Random random)
    {
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
        var min = DateTimeOffset.MinValue.Ticks + Math.Abs(offset.Ticks);
        var max = DateTimeOffset.MaxValue.Ticks - Math.Abs(offset.Ticks);
        return new DateTimeOffset(random.NextInt64(min, max), offset);
    }

    private static string RandomString(Random random)
    {
        // A small alphabet makes shared prefixes common; the rest covers every UTF-8 length and the surrogates.
        const string alphabet = "\0\u0001ab\u007F\u0080é\u07FF\u0800€\uD7FF\uD800\uDBFF\uDC00\uDFFF\uE000\uFFFF";
        var chars = new char[random.Next(0, 8)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(3) == 0 ? (char)random.Next(65536) : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
