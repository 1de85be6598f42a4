using System.Buffers.Binary;
using EdgeDb.Format;
using EdgeDb.MemTables;

namespace EdgeDb.Writes;

/// <summary>
/// A write batch's encoding, which is also a WAL record's payload (docs/wal-format.md, "Batch payload"): encoded
/// by <see cref="WriteBatch"/> as operations are added, checked by recovery, and applied to a MemTable by the
/// commit and by replay. Everything that knows the layout is in this file.
/// </summary>
internal static class BatchPayload
{
    public const int CountSize = 4;

    /// <summary>The most bytes one put of these lengths can take.</summary>
    public static int MaxPutSize(int keyLength, int valueLength) => 1 + Varint.MaxLength + keyLength + Varint.MaxLength + valueLength;

    /// <summary>The most bytes one delete of this key length can take.</summary>
    public static int MaxDeleteSize(int keyLength) => 1 + Varint.MaxLength + keyLength;

    /// <summary>Encodes a put into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WritePut(Span<byte> destination, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var at = WriteKey(destination, EntryKind.Put, key);
        at += Varint.Write(destination[at..], (uint)value.Length);
        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    /// <summary>Encodes an expiring put (its stored value already carries the expiry) into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WritePutExpiring(Span<byte> destination, ReadOnlySpan<byte> key, ReadOnlySpan<byte> storedValue)
    {
        var at = WriteKey(destination, EntryKind.PutExpiring, key);
        at += Varint.Write(destination[at..], (uint)storedValue.Length);
        storedValue.CopyTo(destination[at..]);
        return at + storedValue.Length;
    }

    /// <summary>Encodes a delete into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteDelete(Span<byte> destination, ReadOnlySpan<byte> key) => WriteKey(destination, EntryKind.Delete, key);

    /// <summary>Writes the operation count in front of the operations.</summary>
    public static void WriteCount(Span<byte> payload, int count) => BinaryPrimitives.WriteUInt32LittleEndian(payload, (uint)count);

    /// <summary>
    /// Adds every operation of a validated payload to <paramref name="memTable"/>, the first under
    /// <paramref name="firstSequence"/> and each next one under the next number.
    /// </summary>
    public static void ApplyTo(MemTable memTable, ulong firstSequence, ReadOnlySpan<byte> payload)
    {
        var reader = new BatchReader(payload);
        var sequence = firstSequence;
        while (reader.Remaining > 0)
        {
            var error = reader.TryReadNext(out var kind, out var key, out var value);
            if (error is not null)
            {
                throw new InvalidOperationException("A batch that was validated failed to decode: " + error);
            }

            memTable.Add(sequence++, kind, key, value);
        }
    }

    private static int WriteKey(Span<byte> destination, EntryKind kind, ReadOnlySpan<byte> key)
    {
        destination[0] = (byte)kind;
        var at = 1 + Varint.Write(destination[1..], (uint)key.Length);
        key.CopyTo(destination[at..]);
        return at + key.Length;
    }

    /// <summary>Checks a payload decodes exactly; returns null when it does, else what is wrong.</summary>
    public static string? Validate(ReadOnlySpan<byte> payload, out int count)
    {
        count = 0;
        if (payload.Length < CountSize)
        {
            return "the payload is shorter than its operation count";
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(payload);
        if (declared == 0)
        {
            return "the batch declares no operations";
        }

        // Every operation takes at least 3 bytes (kind, key length, one key byte): a count above that is a lie
        // that would otherwise drive a long loop.
        if (declared > (uint)(payload.Length - CountSize) / 3)
        {
            return $"the batch declares {declared} operations, more than its {payload.Length} bytes can hold";
        }

        var reader = new BatchReader(payload);
        while (reader.Remaining > 0)
        {
            var error = reader.TryReadNext(out _, out _, out _);
            if (error is not null)
            {
                return error;
            }
        }

        if (!reader.AtEnd)
        {
            return "bytes are left over after the last operation";
        }

        count = (int)declared;
        return null;
    }
}

/// <summary>Steps through the operations of a batch payload.</summary>
internal ref struct BatchReader
{
    private ReadOnlySpan<byte> _rest;

    public BatchReader(ReadOnlySpan<byte> payload)
    {
        Remaining = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(payload), int.MaxValue);
        _rest = payload[BatchPayload.CountSize..];
    }

    /// <summary>Operations not read yet.</summary>
    public int Remaining { get; private set; }

    /// <summary>True once every operation is read and no byte is left.</summary>
    public readonly bool AtEnd => Remaining == 0 && _rest.IsEmpty;

    /// <summary>Reads the next operation; returns null on success, else what is malformed.</summary>
    public string? TryReadNext(out EntryKind kind, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = default;
        value = default;
        kind = default;
        if (_rest.IsEmpty)
        {
            return "the payload ends before its last operation";
        }

        kind = (EntryKind)_rest[0];
        if (kind is not (EntryKind.Put or EntryKind.Delete or EntryKind.PutExpiring))
        {
            return $"unknown operation kind {_rest[0]}";
        }

        var at = 1;
        if (!Varint.TryRead(_rest[at..], out var keyLength, out var used))
        {
            return "a key length is not a valid varint";
        }

        at += used;
        if (keyLength == 0 || keyLength > FormatLimits.MaxKeyLength || keyLength > (uint)(_rest.Length - at))
        {
            return $"a key length of {keyLength} does not fit";
        }

        key = _rest.Slice(at, (int)keyLength);
        at += (int)keyLength;
        if (kind != EntryKind.Delete)
        {
            if (!Varint.TryRead(_rest[at..], out var valueLength, out used))
            {
                return "a value length is not a valid varint";
            }

            at += used;
            if (valueLength > (uint)(_rest.Length - at))
            {
                return $"a value length of {valueLength} runs past the payload";
            }

            if (kind == EntryKind.PutExpiring && valueLength < Expiry.Size)
            {
                return $"an expiring put has {valueLength} value bytes, fewer than its {Expiry.Size}-byte expiry";
            }

            value = _rest.Slice(at, (int)valueLength);
            at += (int)valueLength;
        }

        _rest = _rest[at..];
        Remaining--;
        return null;
    }
}
