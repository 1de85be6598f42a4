namespace EdgeDb.Format;

/// <summary>Unsigned LEB128 of at most 5 bytes, as batch payloads and table blocks use it (docs/wal-format.md, docs/table-format.md).</summary>
internal static class Varint
{
    public const int MaxLength = 5;

    public static int Write(Span<byte> destination, uint value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[at++] = (byte)value;
        return at;
    }

    /// <summary>Reads a varint; false when the bytes end first or it runs past 5 bytes or 32 bits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out uint value, out int length)
    {
        value = 0;
        for (var i = 0; i < MaxLength && i < source.Length; i++)
        {
            uint b = source[i];
            if (i == MaxLength - 1 && b > 0x0F)
            {
                break;
            }

            value |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                length = i + 1;
                return true;
            }
        }

        value = 0;
        length = 0;
        return false;
    }
}
