using System.Buffers;
using System.Buffers.Binary;
using EdgeDb.MemTables;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>
/// A position in one <see cref="Block"/>: decodes prefix-compressed entries into a key buffer of its own and
/// hands values out as slices of the block, so moving costs no allocation. Every length is checked against
/// the block before it is used; a bad one raises <see cref="EdgeCorruptionException"/>.
/// </summary>
/// <remarks>A mutable struct: keep it in a field or a local and never copy it.</remarks>
internal struct BlockCursor
{
    private Block? _block;
    private byte[] _key;
    private int _keyLength;
    private ulong _tag;
    private int _valueOffset;
    private int _valueLength;
    private int _next;

    public BlockCursor()
    {
        _key = ArrayPool<byte>.Shared.Rent(64);
    }

    public bool Valid { get; private set; }

    public readonly Block? Block => _block;

    public readonly ReadOnlySpan<byte> Key => Valid ? _key.AsSpan(0, _keyLength) : default;

    public readonly ulong Sequence => _tag >> 8;

    public readonly EntryKind Kind => (EntryKind)(byte)_tag;

    public readonly ReadOnlyMemory<byte> Value => Valid ? new(_block!.Data, _valueOffset, _valueLength) : default;

    public readonly ReadOnlySpan<byte> ValueSpan => Valid ? _block!.Data.AsSpan(_valueOffset, _valueLength) : default;

    public void Reset(Block? block)
    {
        _block = block;
        Valid = false;
        _keyLength = 0;
    }

    public bool SeekToFirst()
    {
        _keyLength = 0;
        return ParseAt(0);
    }

    public bool MoveNext()
    {
        if (!Valid)
        {
            return false;
        }

        return ParseAt(_next);
    }

    /// <summary>Positions at the first entry at or after (key, sequence) in internal order; false if none.</summary>
    public bool Seek(ReadOnlySpan<byte> key, ulong sequence)
    {
        var block = _block!;

        // The last restart point whose key is before the target: the target is in the run that follows it.
        // Unequal key prefixes order the keys as the bytes do; only equal ones need the entry decoded.
        var prefixes = block.RestartPrefixes;
        var targetPrefix = prefixes is null ? 0 : KeyDigest.Prefix(key);
        var left = 0;
        var right = block.RestartCount - 1;
        while (left < right)
        {
            var middle = (left + right + 1) >>> 1;
            int order;
            if (prefixes is not null && prefixes[middle] != targetPrefix)
            {
                order = prefixes[middle] < targetPrefix ? -1 : 1;
            }
            else
            {
                ReadRestartKey((int)block.RestartOffset(middle), out var restartKey, out var restartSequence);
                order = InternalKey.Compare(restartKey, restartSequence, key, sequence);
            }

            if (order < 0)
            {
                left = middle;
            }
            else
            {
                right = middle - 1;
            }
        }

        _keyLength = 0;
        var found = ParseAt((int)block.RestartOffset(left));
        while (found && InternalKey.Compare(Key, Sequence, key, sequence) < 0)
        {
            found = ParseAt(_next);
        }

        return found;
    }

    /// <summary>Gives the key buffer back to the pool; the cursor is unusable after.</summary>
    public void Release()
    {
        if (_key.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_key);
            _key = [];
        }

        _block = null;
        Valid = false;
    }

    private bool ParseAt(int offset)
    {
        var block = _block!;
        if (offset >= block.RestartsStart)
        {
            Valid = false;
            return false;
        }

        var data = block.Data.AsSpan(offset, block.RestartsStart - offset);
        if (!Varint.TryRead(data, out var shared, out var used1)
            || !Varint.TryRead(data[used1..], out var unshared, out var used2)
            || !Varint.TryRead(data[(used1 + used2)..], out var valueLength, out var used3))
        {
            throw block.Corrupt($"has a bad entry header at block offset {offset}");
        }

        var header = used1 + used2 + used3;
        var keyLength = (long)shared + unshared;
        var entryLength = header + (long)unshared + 8 + valueLength;
        if (shared > (uint)_keyLength || keyLength < 1 || keyLength > FormatLimits.MaxKeyLength || entryLength > data.Length)
        {
            throw block.Corrupt($"has an entry with impossible lengths at block offset {offset}");
        }

        var tag = BinaryPrimitives.ReadUInt64LittleEndian(data[(header + (int)unshared)..]);
        var kind = (EntryKind)(byte)tag;
        if (kind is not (EntryKind.Put or EntryKind.Delete or EntryKind.PutExpiring)
            || (kind == EntryKind.Delete && valueLength != 0)
            || (kind == EntryKind.PutExpiring && valueLength < Expiry.Size))
        {
            throw block.Corrupt($"has an entry of unknown kind at block offset {offset}");
        }

        if (_key.Length < keyLength)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)keyLength);
            _key.AsSpan(0, (int)shared).CopyTo(grown);
            if (_key.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_key);
            }

            _key = grown;
        }

        data.Slice(header, (int)unshared).CopyTo(_key.AsSpan((int)shared));
        _keyLength = (int)keyLength;
        _tag = tag;
        _valueOffset = offset + header + (int)unshared + 8;
        _valueLength = (int)valueLength;
        _next = offset + (int)entryLength;
        Valid = true;
        return true;
    }

    /// <summary>The full key at restart point <paramref name="index"/>, read straight from the block.</summary>
    public readonly ReadOnlySpan<byte> RestartKeyAt(int index)
    {
        ReadRestartKey((int)_block!.RestartOffset(index), out var key, out _);
        return key;
    }

    /// <summary>Reads the full key at a restart point straight from the block, without the key buffer.</summary>
    private readonly void ReadRestartKey(int offset, out ReadOnlySpan<byte> key, out ulong sequence)
    {
        var block = _block!;
        var data = block.Data.AsSpan(offset, block.RestartsStart - offset);
        if (!Varint.TryRead(data, out var shared, out var used1)
            || !Varint.TryRead(data[used1..], out var unshared, out var used2)
            || !Varint.TryRead(data[(used1 + used2)..], out _, out var used3))
        {
            throw block.Corrupt($"has a bad entry header at block offset {offset}");
        }

        var header = used1 + used2 + used3;
        if (shared != 0 || unshared < 1 || unshared > FormatLimits.MaxKeyLength || header + (long)unshared + 8 > data.Length)
        {
            throw block.Corrupt($"has a bad restart entry at block offset {offset}");
        }

        key = data.Slice(header, (int)unshared);
        sequence = BinaryPrimitives.ReadUInt64LittleEndian(data[(header + (int)unshared)..]) >> 8;
    }
}
