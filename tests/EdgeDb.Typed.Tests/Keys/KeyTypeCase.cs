using EdgeDb.Internal;

namespace EdgeDb.Typed.Tests.Keys;

/// <summary>One key type under test: how to make values, compare them as .NET does, and encode and decode them.</summary>
public interface IKeyTypeCase
{
    string Name { get; }

    /// <summary>For every pair of values, the sign of the typed comparison equals that of the bytewise one (reversed when descending).</summary>
    void CheckOrder(int seed, bool descending);

    /// <summary>Every value decodes to one that compares equal, and the reader consumes exactly the bytes written.</summary>
    void CheckRoundTrip(int seed, bool descending);
}

public delegate void PartWriter<in T>(ref KeyWriter writer, T value, bool descending);

public delegate T PartReader<out T>(ref KeyReader reader, bool descending);

public sealed class KeyTypeCase<T>(
    string name,
    Func<Random, T> random,
    T[] edgeCases,
    Comparison<T> compare,
    PartWriter<T> write,
    PartReader<T> read) : IKeyTypeCase
{
    private const int RandomValues = 300;

    public string Name => name;

    public void CheckOrder(int seed, bool descending)
    {
        var values = Values(seed);
        var encoded = values.Select(v => Encode(v, descending)).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < values.Length; j++)
            {
                var typed = Math.Sign(compare(values[i], values[j]));
                var bytewise = Math.Sign(encoded[i].AsSpan().SequenceCompareTo(encoded[j]));
                if (typed != (descending ? -bytewise : bytewise))
                {
                    Assert.Fail($"{name}: {Show(values[i])} vs {Show(values[j])}: typed {typed}, bytes {bytewise} ({Convert.ToHexString(encoded[i])} vs {Convert.ToHexString(encoded[j])})");
                }
            }
        }
    }

    public void CheckRoundTrip(int seed, bool descending)
    {
        foreach (var value in Values(seed))
        {
            var bytes = Encode(value, descending);
            var reader = new KeyReader(bytes);
            var decoded = read(ref reader, descending);
            reader.EnsureEnd();
            Assert.True(compare(value, decoded) == 0, $"{name}: {Show(value)} decoded as {Show(decoded)}");
        }
    }

    public override string ToString() => name;

    private T[] Values(int seed)
    {
        var rng = new Random(seed);
        return [.. edgeCases, .. Enumerable.Range(0, RandomValues).Select(_ => random(rng))];
    }

    private byte[] Encode(T value, bool descending)
    {
        var buffer = new byte[1024];
        var writer = new KeyWriter(buffer);
        write(ref writer, value, descending);
        return writer.Written.ToArray();
    }

    private static string Show(T value) => value switch
    {
        null => "null",
        string s => "\"" + string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:X4}" : c.ToString())) + "\"",
        byte[] b => Convert.ToHexString(b),
        _ => value.ToString() ?? "",
    };
}
