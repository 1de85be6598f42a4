using System.Buffers.Binary;
using System.Text;

namespace EdgeDb.TestHost;

/// <summary>The keys and values of the transfer workload, shared by the host that writes it and the test that checks it.</summary>
public static class TransferModel
{
    public const int Accounts = 16;
    public const long Initial = 1_000;

    public static byte[] Account(int number) => Encoding.UTF8.GetBytes($"account/{number:D2}");

    public static byte[] Log(long index) => Encoding.UTF8.GetBytes($"log/{index:D8}");

    public static byte[] Amount(long amount)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, amount);
        return bytes;
    }

    public static long Read(ReadOnlySpan<byte> amount) => BinaryPrimitives.ReadInt64LittleEndian(amount);
}
