using EdgeDb.Typed.Tests.Model;
using EdgeDb.Typed.Tests.Model.Nested.Deeper;

namespace EdgeDb.Typed.Tests.Keys;

/// <summary>The order rule for generated composite keys: tuple order, with a descending part reversed.</summary>
public class CompositeKeyTests
{
    private static readonly string[] s_devices = ["", "\0", "dev1", "dev10", "dev2", "dev1\0", "d", "\uFFFF", "😀"];

    [Fact]
    public void Sensor_reading_keys_sort_as_their_tuples()
    {
        var random = new Random(3);
        var keys = Enumerable.Range(0, 400)
            .Select(_ => new SensorReadingKey(
                random.Next(5) == 0 ? RandomDevice(random) : s_devices[random.Next(s_devices.Length)],
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(-5, 5)).ToOffset(TimeSpan.FromHours(random.Next(-2, 3)))))
            .ToArray();

        AssertSameOrder(keys, k => k.ToArray(), (a, b) =>
        {
            var c = string.CompareOrdinal(a.DeviceId, b.DeviceId);
            c = c != 0 ? c : a.Timestamp.CompareTo(b.Timestamp);
            return c != 0 ? c : a.Timestamp.Offset.CompareTo(b.Timestamp.Offset);
        });
    }

    [Fact]
    public void Order_keys_sort_by_customer_then_number_descending()
    {
        var random = new Random(5);
        var keys = Enumerable.Range(0, 400)
            .Select(_ => new OrderKey(s_devices[random.Next(s_devices.Length)], random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-3, 3)))
            .Concat([new OrderKey("a", long.MinValue), new OrderKey("a", long.MaxValue), new OrderKey("a", 0)])
            .ToArray();

        AssertSameOrder(keys, k => k.ToArray(), (a, b) =>
        {
            var c = string.CompareOrdinal(a.Customer, b.Customer);
            return c != 0 ? c : -a.Number.CompareTo(b.Number);
        });
    }

    [Fact]
    public void A_key_of_every_part_type_round_trips()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var key = new EverythingKey(
                random.Next(2) == 1, (sbyte)random.Next(-128, 128), (ushort)random.Next(65536), (char)random.Next(65536),
                (uint)random.NextInt64(0, 1L << 32), (ulong)random.NextInt64(), new Int128((ulong)random.NextInt64(), (ulong)random.NextInt64()),
                new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()), (float)random.NextDouble(), new decimal(random.NextDouble()),
                Guid.NewGuid(), new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc),
                DateOnly.FromDayNumber(random.Next(0, 3_000_000)), new TimeOnly(random.NextInt64(0, TimeOnly.MaxValue.Ticks)), TimeSpan.FromTicks(random.NextInt64()),
                (Colour)random.Next(1, 4), [.. Enumerable.Range(0, random.Next(9)).Select(_ => (byte)random.Next(3))],
                random.Next(2) == 1 ? Guid.NewGuid() : null, (short)random.Next(short.MinValue, short.MaxValue), (byte)random.Next(256));

            var bytes = key.ToArray();
            Assert.True(bytes.Length <= EverythingKey.MaxEncodedLength);
            var decoded = EverythingKey.Decode(bytes);
            Assert.Equal(key with { Blob = [] }, decoded with { Blob = [] });
            Assert.Equal(key.Blob, decoded.Blob);
        }
    }

    [Fact]
    public void Decoding_rejects_another_collection_or_trailing_bytes()
    {
        var key = new SensorReadingKey("dev1", DateTimeOffset.UnixEpoch).ToArray();
        Assert.Throws<EdgeCorruptionException>(() => OrderKey.Decode(key));
        Assert.Throws<EdgeCorruptionException>(() => SensorReadingKey.Decode([.. key, 0]));
        Assert.Throws<EdgeCorruptionException>(() => SensorReadingKey.Decode(key.AsSpan(0, key.Length - 1)));
        Assert.Equal(new SensorReadingKey("dev1", DateTimeOffset.UnixEpoch), SensorReadingKey.Decode(key));
    }

    private static string RandomDevice(Random random) => new([.. Enumerable.Range(0, random.Next(6)).Select(_ => "\0d1e0v\uD800"[random.Next(7)])]);

    private static void AssertSameOrder<T>(T[] keys, Func<T, byte[]> encode, Comparison<T> compare)
    {
        var encoded = keys.Select(encode).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            for (var j = 0; j < keys.Length; j++)
            {
                Assert.Equal(Math.Sign(compare(keys[i], keys[j])), Math.Sign(encoded[i].AsSpan().SequenceCompareTo(encoded[j])));
            }
        }
    }
}
