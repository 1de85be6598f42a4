using System.Buffers.Binary;

namespace EdgeDb.Wal;

/// <summary>The kind of one operation in a batch payload.</summary>
internal enum BatchOperationKind : byte
{
    Put = 1,
    Delete = 2,
}

/// <summary>Reads the batch payload of a WAL record (docs/wal-format.md, "Batch payload").</summary>
internal static class BatchPayload
{
    public const int CountSize = 4;

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
    public string? TryReadNext(out BatchOperationKind kind, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        key = default;
        value = default;
        kind = default;
        if (_rest.IsEmpty)
        {
            return "the payload ends before its last operation";
        }

        kind = (BatchOperationKind)_rest[0];
        if (kind is not (BatchOperationKind.Put or BatchOperationKind.Delete))
        {
            return $"unknown operation kind {_rest[0]}";
        }

        var at = 1;
        if (!Varint.TryRead(_rest[at..], out var keyLength, out var used))
        {
            return "a key length is not a valid varint";
        }

        at += used;
        if (keyLength == 0 || keyLength > EdgeStoreOptions.KeySizeLimit || keyLength > (uint)(_rest.Length - at))
        {
            return $"a key length of {keyLength} does not fit";
        }

        key = _rest.Slice(at, (int)keyLength);
        at += (int)keyLength;
        if (kind == BatchOperationKind.Put)
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

            value = _rest.Slice(at, (int)valueLength);
            at += (int)valueLength;
        }

        _rest = _rest[at..];
        Remaining--;
        return null;
    }
}
