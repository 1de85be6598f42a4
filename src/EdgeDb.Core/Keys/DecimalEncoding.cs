using System.Buffers.Binary;

namespace EdgeDb.Internal;

/// <summary>
/// The 26-byte order-preserving form of a decimal (docs/key-encoding.md, "Decimal"): a sign byte, the value
/// scaled to 28 decimal places as a 192-bit big-endian integer (inverted when negative), and the scale.
/// </summary>
internal static class DecimalEncoding
{
    private const int MaxScale = 28;
    private const int Limbs = 6; // 192 bits as little-endian 32-bit limbs

    public static void Write(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        Span<uint> n = stackalloc uint[Limbs];
        n[0] = (uint)bits[0];
        n[1] = (uint)bits[1];
        n[2] = (uint)bits[2];
        var isZero = n[0] == 0 && n[1] == 0 && n[2] == 0;
        var negative = bits[3] < 0 && !isZero;
        for (var i = scale; i < MaxScale; i++)
        {
            MultiplyBy10(n);
        }

        destination[0] = negative ? (byte)0x00 : (byte)0x01;
        for (var limb = 0; limb < Limbs; limb++)
        {
            var word = negative ? ~n[Limbs - 1 - limb] : n[Limbs - 1 - limb];
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(1 + (4 * limb), 4), word);
        }

        destination[25] = (byte)scale;
    }

    /// <summary>Decodes the 26 bytes (already un-complemented); null when they are not a valid encoding.</summary>
    public static decimal? Read(ReadOnlySpan<byte> source)
    {
        var sign = source[0];
        var scale = source[25];
        if (sign > 1 || scale > MaxScale)
        {
            return null;
        }

        var negative = sign == 0;
        Span<uint> n = stackalloc uint[Limbs];
        for (var limb = 0; limb < Limbs; limb++)
        {
            var word = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(1 + (4 * limb), 4));
            n[Limbs - 1 - limb] = negative ? ~word : word;
        }

        for (var i = scale; i < MaxScale; i++)
        {
            if (DivideBy10(n) != 0)
            {
                return null;
            }
        }

        if (n[3] != 0 || n[4] != 0 || n[5] != 0 || (negative && n[0] == 0 && n[1] == 0 && n[2] == 0))
        {
            return null;
        }

        return new decimal((int)n[0], (int)n[1], (int)n[2], negative, scale);
    }

    private static void MultiplyBy10(Span<uint> n)
    {
        ulong carry = 0;
        for (var i = 0; i < n.Length; i++)
        {
            var product = ((ulong)n[i] * 10) + carry;
            n[i] = (uint)product;
            carry = product >> 32;
        }
    }

    private static uint DivideBy10(Span<uint> n)
    {
        ulong remainder = 0;
        for (var i = n.Length - 1; i >= 0; i--)
        {
            var dividend = (remainder << 32) | n[i];
            n[i] = (uint)(dividend / 10);
            remainder = dividend % 10;
        }

        return (uint)remainder;
    }
}
