using System.Buffers.Binary;
using System.Buffers;
using System.ComponentModel;

namespace EdgeDb.Internal;

/// <summary>
/// Reads key parts written by <see cref="KeyWriter"/>, in the same order and with the same
/// <c>descending</c> flags. Bytes that are not a valid encoding raise <see cref="EdgeCorruptionException"/>. For generated
/// code: hidden from completion lists, and not a supported API of its own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct KeyReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="source"/>.</summary>
    public KeyReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    /// <summary>The number of bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _source[_position..];

    /// <summary>Throws unless every byte was read: a key with trailing bytes is not one this reader wrote.</summary>
    /// <exception cref="EdgeCorruptionException">Bytes remain.</exception>
    public readonly void EnsureEnd()
    {
        if (_position != _source.Length)
        {
            throw Invalid($"{_source.Length - _position} bytes follow the last key part");
        }
    }

    /// <summary>Skips <paramref name="count"/> bytes (a keyspace prefix).</summary>
    public void Skip(int count)
    {
        if (count < 0 || count > _source.Length - _position)
        {
            throw Invalid("the key is shorter than its prefix");
        }

        _position += count;
    }

    /// <summary>Reads the marker of a nullable part: true when a value follows, false for null.</summary>
    public bool ReadPresence(bool descending = false) => ReadByteCore(descending) switch
    {
        0 => false,
        1 => true,
        var other => throw Invalid($"0x{other:X2} is not a null marker"),
    };

    /// <summary>Reads a <see cref="bool"/>.</summary>
    public bool ReadBoolean(bool descending = false) => ReadByteCore(descending) switch
    {
        0 => false,
        1 => true,
        var other => throw Invalid($"0x{other:X2} is not a bool"),
    };

    /// <summary>Reads a <see cref="byte"/>.</summary>
    public byte ReadByte(bool descending = false) => ReadByteCore(descending);

    /// <summary>Reads an <see cref="sbyte"/>.</summary>
    public sbyte ReadSByte(bool descending = false) => (sbyte)(ReadByteCore(descending) ^ 0x80);

    /// <summary>Reads a <see cref="ushort"/>.</summary>
    public ushort ReadUInt16(bool descending = false) => (ushort)ReadUInt64Core(2, descending);

    /// <summary>Reads a <see cref="char"/>.</summary>
    public char ReadChar(bool descending = false) => (char)ReadUInt64Core(2, descending);

    /// <summary>Reads a <see cref="short"/>.</summary>
    public short ReadInt16(bool descending = false) => (short)((ushort)ReadUInt64Core(2, descending) ^ 0x8000);

    /// <summary>Reads a <see cref="uint"/>.</summary>
    public uint ReadUInt32(bool descending = false) => (uint)ReadUInt64Core(4, descending);

    /// <summary>Reads an <see cref="int"/>.</summary>
    public int ReadInt32(bool descending = false) => (int)((uint)ReadUInt64Core(4, descending) ^ 0x8000_0000u);

    /// <summary>Reads a <see cref="ulong"/>.</summary>
    public ulong ReadUInt64(bool descending = false) => ReadUInt64Core(8, descending);

    /// <summary>Reads a <see cref="long"/>.</summary>
    public long ReadInt64(bool descending = false) => (long)(ReadUInt64Core(8, descending) ^ 0x8000_0000_0000_0000UL);

    /// <summary>Reads a <see cref="UInt128"/>.</summary>
    public UInt128 ReadUInt128(bool descending = false)
    {
        var upper = ReadUInt64Core(8, descending);
        var lower = ReadUInt64Core(8, descending);
        return new UInt128(upper, lower);
    }

    /// <summary>Reads an <see cref="Int128"/>.</summary>
    public Int128 ReadInt128(bool descending = false)
    {
        var upper = ReadUInt64Core(8, descending) ^ 0x8000_0000_0000_0000UL;
        var lower = ReadUInt64Core(8, descending);
        return new Int128(upper, lower);
    }

    /// <summary>Reads a <see cref="float"/>.</summary>
    public float ReadSingle(bool descending = false) => FloatingPoint.DecodeSingle((uint)ReadUInt64Core(4, descending));

    /// <summary>Reads a <see cref="double"/>.</summary>
    public double ReadDouble(bool descending = false) => FloatingPoint.DecodeDouble(ReadUInt64Core(8, descending));

    /// <summary>Reads a <see cref="decimal"/>.</summary>
    public decimal ReadDecimal(bool descending = false)
    {
        Span<byte> bytes = stackalloc byte[KeyEncoding.DecimalLength];
        ReadFixed(bytes, descending);
        return DecimalEncoding.Read(bytes) ?? throw Invalid("the bytes are not a decimal");
    }

    /// <summary>Reads a <see cref="Guid"/>.</summary>
    public Guid ReadGuid(bool descending = false)
    {
        Span<byte> bytes = stackalloc byte[16];
        ReadFixed(bytes, descending);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Reads a <see cref="DateTime"/>.</summary>
    public DateTime ReadDateTime(bool descending = false)
    {
        var ticks = ReadInt64(descending);
        var kind = ReadByteCore(descending);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || kind > (byte)DateTimeKind.Local)
        {
            throw Invalid("the bytes are not a DateTime");
        }

        return new DateTime(ticks, (DateTimeKind)kind);
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadDateTimeOffset(bool descending = false)
    {
        var utcTicks = ReadInt64(descending);
        var offsetMinutes = ReadInt16(descending);
        try
        {
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }
        catch (ArgumentException)
        {
            throw Invalid("the bytes are not a DateTimeOffset");
        }
    }

    /// <summary>Reads a <see cref="DateOnly"/>.</summary>
    public DateOnly ReadDateOnly(bool descending = false)
    {
        var dayNumber = ReadInt32(descending);
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw Invalid("the bytes are not a DateOnly");
        }

        return DateOnly.FromDayNumber(dayNumber);
    }

    /// <summary>Reads a <see cref="TimeOnly"/>.</summary>
    public TimeOnly ReadTimeOnly(bool descending = false)
    {
        var ticks = ReadInt64(descending);
        if (ticks < 0 || ticks > TimeOnly.MaxValue.Ticks)
        {
            throw Invalid("the bytes are not a TimeOnly");
        }

        return new TimeOnly(ticks);
    }

    /// <summary>Reads a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ReadTimeSpan(bool descending = false) => new(ReadInt64(descending));

    /// <summary>Reads a string.</summary>
    public string ReadString(bool descending = false)
    {
        var mask = descending ? (byte)0xFF : (byte)0x00;
        char[]? rented = null;
        Span<char> chars = _source.Length - _position <= 512
            ? stackalloc char[_source.Length - _position]
            : (rented = ArrayPool<char>.Shared.Rent(_source.Length - _position));
        try
        {
            var count = 0;
            while (true)
            {
                var b = (byte)(Next() ^ mask);
                if (b == 0x00)
                {
                    var escape = (byte)(Next() ^ mask);
                    if (escape == 0x01)
                    {
                        return new string(chars[..count]);
                    }

                    if (escape != 0xFF)
                    {
                        throw Invalid($"00 {escape:X2} is neither an escaped zero nor the terminator");
                    }

                    chars[count++] = '\0';
                }
                else if (b < 0x80)
                {
                    chars[count++] = (char)b;
                }
                else if ((b & 0xE0) == 0xC0)
                {
                    var unit = ((b & 0x1F) << 6) | Continuation(mask);
                    chars[count++] = unit >= 0x80 ? (char)unit : throw Invalid("an overlong string unit");
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    var unit = ((b & 0x0F) << 12) | (Continuation(mask) << 6);
                    unit |= Continuation(mask);
                    chars[count++] = unit >= 0x800 ? (char)unit : throw Invalid("an overlong string unit");
                }
                else
                {
                    throw Invalid($"0x{b:X2} does not start a string unit");
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads a byte array.</summary>
    public byte[] ReadBytes(bool descending = false)
    {
        var mask = descending ? (byte)0xFF : (byte)0x00;
        var remaining = _source.Length - _position;
        byte[]? rented = null;
        Span<byte> bytes = remaining <= 512 ? stackalloc byte[remaining] : (rented = ArrayPool<byte>.Shared.Rent(remaining));
        try
        {
            var count = 0;
            while (true)
            {
                var b = (byte)(Next() ^ mask);
                if (b == 0x00)
                {
                    var escape = (byte)(Next() ^ mask);
                    if (escape == 0x01)
                    {
                        return bytes[..count].ToArray();
                    }

                    if (escape != 0xFF)
                    {
                        throw Invalid($"00 {escape:X2} is neither an escaped zero nor the terminator");
                    }
                }

                bytes[count++] = b;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static EdgeCorruptionException Invalid(string why) => new($"Not a valid EdgeDb key encoding (docs/key-encoding.md): {why}.");

    private byte Next()
    {
        if (_position >= _source.Length)
        {
            throw Invalid("the key ends inside a part");
        }

        return _source[_position++];
    }

    private int Continuation(byte mask)
    {
        var b = (byte)(Next() ^ mask);
        return (b & 0xC0) == 0x80 ? b & 0x3F : throw Invalid($"0x{b:X2} is not a continuation byte");
    }

    private byte ReadByteCore(bool descending)
    {
        var b = Next();
        return descending ? (byte)~b : b;
    }

    private ulong ReadUInt64Core(int size, bool descending)
    {
        if (size > _source.Length - _position)
        {
            throw Invalid("the key ends inside a part");
        }

        var span = _source.Slice(_position, size);
        _position += size;
        ulong value = size switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(span),
            4 => BinaryPrimitives.ReadUInt32BigEndian(span),
            _ => BinaryPrimitives.ReadUInt64BigEndian(span),
        };
        if (descending)
        {
            value = ~value & (size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1);
        }

        return value;
    }

    private void ReadFixed(scoped Span<byte> destination, bool descending)
    {
        if (destination.Length > _source.Length - _position)
        {
            throw Invalid("the key ends inside a part");
        }

        _source.Slice(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
        if (descending)
        {
            foreach (ref var b in destination)
            {
                b = (byte)~b;
            }
        }
    }
}
