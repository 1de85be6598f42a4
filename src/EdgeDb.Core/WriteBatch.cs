using EdgeDb.Format;
using EdgeDb.Writes;

namespace EdgeDb;

/// <summary>
/// Puts and deletes applied by <see cref="EdgeStore.Write"/> all together or not at all, also across a crash:
/// a batch is one checksummed WAL record. Later operations on the same key win over earlier ones.
/// Not thread-safe: fill a batch on one thread.
/// </summary>
public sealed class WriteBatch
{
    // The batch is kept already encoded as a WAL record payload (docs/wal-format.md), so committing it
    // is one copy into the log buffer and nothing has to be re-encoded under the write lock.
    private byte[] _payload;
    private int _length;

    /// <summary>Creates an empty batch.</summary>
    public WriteBatch()
        : this(64)
    {
    }

    /// <summary>An empty batch whose buffer already holds <paramref name="capacity"/> bytes (a transaction knows its size).</summary>
    internal WriteBatch(int capacity)
    {
        _payload = new byte[Math.Max(capacity, BatchPayload.CountSize)];
        _length = BatchPayload.CountSize;
    }

    /// <summary>The number of operations in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>The batch's encoded size in bytes, as it will stand in the WAL.</summary>
    public int EncodedSize => _length;

    /// <summary>The bytes the batch's buffer holds, used or not.</summary>
    internal int Capacity => _payload.Length;

    /// <summary>The longest key in the batch, checked against the store's limit by <see cref="EdgeStore.Write"/>.</summary>
    internal int MaxKeyLength { get; private set; }

    /// <summary>The longest value in the batch.</summary>
    internal int MaxValueLength { get; private set; }

    /// <summary>Adds a put of <paramref name="value"/> under <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.KeySizeLimit"/>, the value is over
    /// <see cref="EdgeStoreOptions.ValueSizeLimit"/>, or the batch would grow past that limit.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ValidateKey(key);
        if (value.Length > EdgeStoreOptions.ValueSizeLimit)
        {
            throw new ArgumentException($"A value may be at most {EdgeStoreOptions.ValueSizeLimit} bytes; this one is {value.Length}.", nameof(value));
        }

        var written = BatchPayload.WritePut(Reserve(BatchPayload.MaxPutSize(key.Length, value.Length)), key, value);
        Commit(written, key.Length, value.Length);
    }

    /// <summary>Adds a put of <paramref name="value"/> under <paramref name="key"/> that expires at <paramref name="expiresAt"/> (docs/lsm.md, "Expiry").</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.KeySizeLimit"/>, the value is over
    /// <see cref="EdgeStoreOptions.ValueSizeLimit"/>, or the batch would grow past that limit.</exception>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, DateTimeOffset expiresAt)
    {
        ValidateKey(key);
        if (value.Length > EdgeStoreOptions.ValueSizeLimit)
        {
            throw new ArgumentException($"A value may be at most {EdgeStoreOptions.ValueSizeLimit} bytes; this one is {value.Length}.", nameof(value));
        }

        PutStored(key, Expiry.Stored(value, expiresAt), value.Length);
    }

    /// <summary>Adds an expiring put whose stored value (expiry first) is already made (a transaction's).</summary>
    internal void PutStored(ReadOnlySpan<byte> key, ReadOnlySpan<byte> storedValue, int valueLength)
    {
        var written = BatchPayload.WritePutExpiring(Reserve(BatchPayload.MaxPutSize(key.Length, storedValue.Length)), key, storedValue);
        Commit(written, key.Length, valueLength);
    }

    /// <summary>Adds a delete of <paramref name="key"/>. Deleting a key that does not exist is not an error.</summary>
    /// <exception cref="ArgumentException">The key is empty or over <see cref="EdgeStoreOptions.KeySizeLimit"/>.</exception>
    public void Delete(ReadOnlySpan<byte> key)
    {
        ValidateKey(key);
        var written = BatchPayload.WriteDelete(Reserve(BatchPayload.MaxDeleteSize(key.Length)), key);
        Commit(written, key.Length, 0);
    }

    /// <summary>Removes every operation, keeping the allocated buffer for reuse.</summary>
    public void Clear()
    {
        _length = BatchPayload.CountSize;
        Count = 0;
        MaxKeyLength = 0;
        MaxValueLength = 0;
    }

    /// <summary>The encoded payload (count included), valid until the batch changes.</summary>
    internal ReadOnlySpan<byte> GetPayload()
    {
        BatchPayload.WriteCount(_payload, Count);
        return _payload.AsSpan(0, _length);
    }

    private static void ValidateKey(ReadOnlySpan<byte> key)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("A key must not be empty.", nameof(key));
        }

        if (key.Length > EdgeStoreOptions.KeySizeLimit)
        {
            throw new ArgumentException($"A key may be at most {EdgeStoreOptions.KeySizeLimit} bytes; this one is {key.Length}.", nameof(key));
        }
    }

    private Span<byte> Reserve(int worstCase)
    {
        long needed = (long)_length + worstCase;
        if (needed > EdgeStoreOptions.ValueSizeLimit)
        {
            throw new ArgumentException($"A batch may encode to at most {EdgeStoreOptions.ValueSizeLimit} bytes; split it.");
        }

        if (needed > _payload.Length)
        {
            var grown = new byte[(int)Math.Min(Math.Max(needed, (long)_payload.Length * 2), EdgeStoreOptions.ValueSizeLimit)];
            _payload.AsSpan(0, _length).CopyTo(grown);
            _payload = grown;
        }

        return _payload.AsSpan(_length);
    }

    private void Commit(int written, int keyLength, int valueLength)
    {
        _length += written;
        Count++;
        MaxKeyLength = Math.Max(MaxKeyLength, keyLength);
        MaxValueLength = Math.Max(MaxValueLength, valueLength);
    }
}
