using EdgeDb.Internal;

namespace EdgeDb.Typed.Tests.Keys;

/// <summary>Writes with a <see cref="KeyWriter"/> into a fresh buffer and returns the bytes.</summary>
internal static class KeyBytes
{
    public delegate void WriteAction(ref KeyWriter writer);

    public static byte[] Of(WriteAction write)
    {
        var buffer = new byte[1024];
        var writer = new KeyWriter(buffer);
        write(ref writer);
        return writer.Written.ToArray();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    public static string Hex(WriteAction write) => Hex(Of(write));

    /// <summary>"80 00 00 01" → "80000001", so expectations can be written as the doc writes them.</summary>
    public static string Spaced(string hex) => hex.Replace(" ", "", StringComparison.Ordinal);
}
