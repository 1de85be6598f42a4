using System.Text;

namespace EdgeDb.Tests.Support;

internal static class Bytes
{
    public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    public static List<(string Key, string Value)> Dump(EdgeScan scan) =>
        scan.Select(e => (Text(e.Key), Text(e.Value))).ToList();
}
