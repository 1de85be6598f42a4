namespace EdgeDb.Internal;

/// <summary>The order-preserving bit patterns of IEEE 754 numbers (docs/key-encoding.md, "Floating point").</summary>
internal static class FloatingPoint
{
    public static ulong EncodeDouble(double value)
    {
        if (double.IsNaN(value))
        {
            // double.CompareTo puts NaN below -Infinity; zero is below every other encoding.
            return 0;
        }

        if (value == 0)
        {
            // 0.0 == -0.0, so both must be one key.
            value = 0.0;
        }

        var bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits ^ 0x8000_0000_0000_0000UL;
    }

    public static double DecodeDouble(ulong encoded)
    {
        if (encoded == 0)
        {
            return double.NaN;
        }

        var bits = (encoded & 0x8000_0000_0000_0000UL) != 0 ? encoded ^ 0x8000_0000_0000_0000UL : ~encoded;
        return BitConverter.UInt64BitsToDouble(bits);
    }

    public static uint EncodeSingle(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        if (value == 0)
        {
            value = 0.0f;
        }

        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits ^ 0x8000_0000u;
    }

    public static float DecodeSingle(uint encoded)
    {
        if (encoded == 0)
        {
            return float.NaN;
        }

        var bits = (encoded & 0x8000_0000u) != 0 ? encoded ^ 0x8000_0000u : ~encoded;
        return BitConverter.UInt32BitsToSingle(bits);
    }
}
