using System.Buffers.Binary;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>
/// Builds one raw block: prefix-compressed entries, the restart array and its count
/// (docs/table-format.md, "Block contents"). Reused for every block of a table.
/// </summary>
internal sealed class BlockBuilder
{
    private readonly int _restartInterval;
    private readonly List<int> _restarts = [];
    private byte[] _buffer = new byte[4096];
    private byte[] _lastKey = new byte[256];
    private int _length;
    private int _lastKeyLength;
    private int _sinceRestart;

    public BlockBuilder(int restartInterval)
    {
        _restartInterval = restartInterval;
    }

    public int Count { get; private set; }

    /// <summary>The raw size the block would have if finished now.</summary>
    public long EstimatedSize => _length + (4L * (_restarts.Count + 1)) + 4;

    public bool IsEmpty => Count == 0;

    public void Add(ReadOnlySpan<byte> key, ulong tag, ReadOnlySpan<byte> value)
    {
        var shared = 0;
        if (_sinceRestart == _restartInterval || Count == 0)
        {
            _restarts.Add(_length);
            _sinceRestart = 0;
        }
        else
        {
            shared = key.CommonPrefixLength(_lastKey.AsSpan(0, _lastKeyLength));
        }

        var unshared = key.Length - shared;
        var span = Reserve((3 * Varint.MaxLength) + unshared + 8 + value.Length);
        var at = Varint.Write(span, (uint)shared);
        at += Varint.Write(span[at..], (uint)unshared);
        at += Varint.Write(span[at..], (uint)value.Length);
        key[shared..].CopyTo(span[at..]);
        at += unshared;
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], tag);
        at += 8;
        value.CopyTo(span[at..]);
        _length += at + value.Length;

        if (_lastKey.Length < key.Length)
        {
            Array.Resize(ref _lastKey, Math.Max(key.Length, _lastKey.Length * 2));
        }

        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
        _sinceRestart++;
        Count++;
    }

    /// <summary>Appends the restart array and returns the raw block; valid until the next <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        var span = Reserve((4 * _restarts.Count) + 4);
        for (var i = 0; i < _restarts.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[(4 * i)..], (uint)_restarts[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[(4 * _restarts.Count)..], (uint)_restarts.Count);
        _length += (4 * _restarts.Count) + 4;
        return _buffer.AsSpan(0, _length);
    }

    public void Reset()
    {
        _length = 0;
        _lastKeyLength = 0;
        _sinceRestart = 0;
        _restarts.Clear();
        Count = 0;
    }

    private Span<byte> Reserve(int bytes)
    {
        var needed = (long)_length + bytes;
        if (needed > _buffer.Length)
        {
            var grown = Math.Max(needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            if (grown > Array.MaxLength)
            {
                throw new InvalidOperationException("A table block cannot grow past the largest array.");
            }

            Array.Resize(ref _buffer, (int)grown);
        }

        return _buffer.AsSpan(_length, bytes);
    }
}
