using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace EdgeDb.Internal;

/// <summary>
/// Writes key parts into a caller-provided buffer in the order-preserving encoding of docs/key-encoding.md.
/// Every method takes <c>descending</c>: the part is then written as the ones' complement of its encoding,
/// which reverses its order. The buffer must be large enough (generated code sizes it from the key's
/// maximum encoded length). For generated code: hidden from completion lists, and not a supported API of its own.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct KeyWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    /// <summary>Starts writing at the beginning of <paramref name="buffer"/>.</summary>
    public KeyWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>The number of bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Copies <paramref name="bytes"/> as they are (a keyspace prefix, an already encoded part).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes the marker of a null nullable part (<c>00</c>).</summary>
    public void WriteNull(bool descending = false) => WriteByteCore(0x00, descending);

    /// <summary>Writes the marker of a non-null nullable part (<c>01</c>); the value follows.</summary>
    public void WritePresent(bool descending = false) => WriteByteCore(0x01, descending);

    /// <summary>Writes a <see cref="bool"/> as <c>00</c> or <c>01</c>.</summary>
    public void WriteBoolean(bool value, bool descending = false) => WriteByteCore(value ? (byte)1 : (byte)0, descending);

    /// <summary>Writes a <see cref="byte"/>.</summary>
    public void WriteByte(byte value, bool descending = false) => WriteByteCore(value, descending);

    /// <summary>Writes an <see cref="sbyte"/> with its sign bit flipped.</summary>
    public void WriteSByte(sbyte value, bool descending = false) => WriteByteCore((byte)(value ^ sbyte.MinValue), descending);

    /// <summary>Writes a <see cref="ushort"/> big-endian.</summary>
    public void WriteUInt16(ushort value, bool descending = false) => WriteUInt64Core(value, 2, descending);

    /// <summary>Writes a <see cref="char"/> as its UTF-16 code unit, big-endian.</summary>
    public void WriteChar(char value, bool descending = false) => WriteUInt64Core(value, 2, descending);

    /// <summary>Writes a <see cref="short"/> big-endian with its sign bit flipped.</summary>
    public void WriteInt16(short value, bool descending = false) => WriteUInt64Core((ushort)(value ^ short.MinValue), 2, descending);

    /// <summary>Writes a <see cref="uint"/> big-endian.</summary>
    public void WriteUInt32(uint value, bool descending = false) => WriteUInt64Core(value, 4, descending);

    /// <summary>Writes an <see cref="int"/> big-endian with its sign bit flipped.</summary>
    public void WriteInt32(int value, bool descending = false) => WriteUInt64Core((uint)(value ^ int.MinValue), 4, descending);

    /// <summary>Writes a <see cref="ulong"/> big-endian.</summary>
    public void WriteUInt64(ulong value, bool descending = false) => WriteUInt64Core(value, 8, descending);

    /// <summary>Writes a <see cref="long"/> big-endian with its sign bit flipped.</summary>
    public void WriteInt64(long value, bool descending = false) => WriteUInt64Core((ulong)(value ^ long.MinValue), 8, descending);

    /// <summary>Writes a <see cref="UInt128"/> big-endian.</summary>
    public void WriteUInt128(UInt128 value, bool descending = false)
    {
        WriteUInt64Core((ulong)(value >> 64), 8, descending);
        WriteUInt64Core((ulong)value, 8, descending);
    }

    /// <summary>Writes an <see cref="Int128"/> big-endian with its sign bit flipped.</summary>
    public void WriteInt128(Int128 value, bool descending = false)
    {
        var bits = (UInt128)value;
        WriteUInt64Core((ulong)(bits >> 64) ^ 0x8000_0000_0000_0000UL, 8, descending);
        WriteUInt64Core((ulong)bits, 8, descending);
    }

    /// <summary>Writes a <see cref="float"/>: -0 folds into 0, every NaN into one encoding below -Infinity.</summary>
    public void WriteSingle(float value, bool descending = false) => WriteUInt64Core(FloatingPoint.EncodeSingle(value), 4, descending);

    /// <summary>Writes a <see cref="double"/>: -0 folds into 0, every NaN into one encoding below -Infinity.</summary>
    public void WriteDouble(double value, bool descending = false) => WriteUInt64Core(FloatingPoint.EncodeDouble(value), 8, descending);

    /// <summary>Writes a <see cref="decimal"/> as a sign byte, its value scaled to 28 places (24 bytes) and its scale.</summary>
    public void WriteDecimal(decimal value, bool descending = false)
    {
        var start = _position;
        DecimalEncoding.Write(value, _buffer.Slice(_position, KeyEncoding.DecimalLength));
        _position += KeyEncoding.DecimalLength;
        Finish(start, descending);
    }

    /// <summary>Writes a <see cref="Guid"/> in big-endian (RFC 4122) byte order, the order of <see cref="Guid.CompareTo(Guid)"/>.</summary>
    public void WriteGuid(Guid value, bool descending = false)
    {
        var start = _position;
        value.TryWriteBytes(_buffer.Slice(_position, 16), bigEndian: true, out _);
        _position += 16;
        Finish(start, descending);
    }

    /// <summary>Writes a <see cref="DateTime"/> as its ticks, then its kind.</summary>
    public void WriteDateTime(DateTime value, bool descending = false)
    {
        WriteInt64(value.Ticks, descending);
        WriteByteCore((byte)value.Kind, descending);
    }

    /// <summary>Writes a <see cref="DateTimeOffset"/> as its instant (UTC ticks), then its offset in minutes.</summary>
    public void WriteDateTimeOffset(DateTimeOffset value, bool descending = false)
    {
        WriteInt64(value.UtcTicks, descending);
        WriteInt16((short)value.TotalOffsetMinutes, descending);
    }

    /// <summary>Writes a <see cref="DateOnly"/> as its day number.</summary>
    public void WriteDateOnly(DateOnly value, bool descending = false) => WriteInt32(value.DayNumber, descending);

    /// <summary>Writes a <see cref="TimeOnly"/> as its ticks.</summary>
    public void WriteTimeOnly(TimeOnly value, bool descending = false) => WriteInt64(value.Ticks, descending);

    /// <summary>Writes a <see cref="TimeSpan"/> as its ticks.</summary>
    public void WriteTimeSpan(TimeSpan value, bool descending = false) => WriteInt64(value.Ticks, descending);

    /// <summary>
    /// Writes a string in ordinal order: each UTF-16 code unit UTF-8 style, <c>00</c> escaped as <c>00 FF</c>,
    /// then the terminator <c>00 01</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than <paramref name="maxLength"/> code units.</exception>
    public void WriteString(string value, int maxLength, bool descending = false, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The {paramName ?? "key string"} may be at most {maxLength} characters ([MaxLength]); this value has {value.Length}.", paramName);
        }

        var start = _position;
        var buffer = _buffer;
        var at = _position;
        foreach (var c in value)
        {
            if (c == 0)
            {
                buffer[at++] = 0x00;
                buffer[at++] = 0xFF;
            }
            else if (c < 0x80)
            {
                buffer[at++] = (byte)c;
            }
            else if (c < 0x800)
            {
                buffer[at++] = (byte)(0xC0 | (c >> 6));
                buffer[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                buffer[at++] = (byte)(0xE0 | (c >> 12));
                buffer[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[at++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        buffer[at++] = 0x00;
        buffer[at++] = 0x01;
        _position = at;
        Finish(start, descending);
    }

    /// <summary>Writes a byte array in lexicographic order: <c>00</c> escaped as <c>00 FF</c>, then <c>00 01</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than <paramref name="maxLength"/> bytes.</exception>
    public void WriteBytes(byte[] value, int maxLength, bool descending = false, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        WriteBytes(value.AsSpan(), maxLength, descending, paramName);
    }

    /// <summary>Writes a byte sequence in lexicographic order: <c>00</c> escaped as <c>00 FF</c>, then <c>00 01</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is longer than <paramref name="maxLength"/> bytes.</exception>
    public void WriteBytes(ReadOnlySpan<byte> value, int maxLength, bool descending = false, string? paramName = null)
    {
        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The {paramName ?? "key byte array"} may be at most {maxLength} bytes ([MaxLength]); this value has {value.Length}.", paramName ?? nameof(value));
        }

        var start = _position;
        var buffer = _buffer;
        var at = _position;
        foreach (var b in value)
        {
            buffer[at++] = b;
            if (b == 0)
            {
                buffer[at++] = 0xFF;
            }
        }

        buffer[at++] = 0x00;
        buffer[at++] = 0x01;
        _position = at;
        Finish(start, descending);
    }

    private void WriteByteCore(byte value, bool descending)
    {
        _buffer[_position++] = descending ? (byte)~value : value;
    }

    private void WriteUInt64Core(ulong value, int size, bool descending)
    {
        if (descending)
        {
            value = ~value;
        }

        var span = _buffer.Slice(_position, size);
        switch (size)
        {
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value);
                break;
            case 4:
                BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value);
                break;
            default:
                BinaryPrimitives.WriteUInt64BigEndian(span, value);
                break;
        }

        _position += size;
    }

    private readonly void Finish(int start, bool descending)
    {
        if (descending)
        {
            foreach (ref var b in _buffer[start.._position])
            {
                b = (byte)~b;
            }
        }
    }
}
