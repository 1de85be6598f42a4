using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace EdgeDb.Tables;

/// <summary>
/// One raw (decompressed, CRC-checked) block and its restart array. A block built with the constructor is
/// immutable and may be shared by every reader and the block cache: cursors hand out its bytes as memory that
/// users keep, so its array is never reused. The restart array is checked once here so cursors can trust it.
/// </summary>
/// <remarks>
/// The one exception is a thread's scratch block (<see cref="CreateScratch"/>), rebound to each block a point
/// lookup reads without caching it. It never leaves that lookup, which copies out what it returns.
/// </remarks>
internal sealed class Block
{
    private readonly bool _scratch;

    public Block(byte[] data, int length, string path, long fileOffset)
    {
        Bind(data, length, path, fileOffset);
    }

    private Block()
    {
        _scratch = true;
        Data = [];
        Path = "";
    }

    public byte[] Data { get; private set; }

    public string Path { get; private set; }

    /// <summary>The block's offset in its table file, for cache keys and error messages.</summary>
    public long FileOffset { get; private set; }

    public int RestartCount { get; private set; }

    /// <summary>Where the entries end and the restart array begins.</summary>
    public int RestartsStart { get; private set; }

    /// <summary>A block for one thread's uncached point lookups; see <see cref="Rebind"/>.</summary>
    public static Block CreateScratch() => new();

    /// <summary>Points a scratch block at other bytes, checking them as the constructor does.</summary>
    public void Rebind(byte[] data, int length, string path, long fileOffset)
    {
        if (!_scratch)
        {
            // Shared blocks are handed out as memory users keep: rebinding one would change bytes under them.
            throw new InvalidOperationException("Only a scratch block may be rebound: other blocks are shared and immutable.");
        }

        Bind(data, length, path, fileOffset);
    }

    /// <summary>
    /// The first 8 bytes of each restart key, big-endian and zero-padded (<see cref="KeyDigest.Prefix"/>),
    /// or null. Kept for a table's index block, which every lookup searches: most steps of the binary search then
    /// compare two integers instead of decoding an entry (docs/table-format.md, "Reading").
    /// </summary>
    public ulong[]? RestartPrefixes { get; private set; }

    /// <summary>Computes <see cref="RestartPrefixes"/>; call once, before the block is shared.</summary>
    public void IndexRestartPrefixes()
    {
        var cursor = new BlockCursor();
        try
        {
            cursor.Reset(this);
            var prefixes = new ulong[RestartCount];
            for (var i = 0; i < prefixes.Length; i++)
            {
                prefixes[i] = KeyDigest.Prefix(cursor.RestartKeyAt(i));
            }

            RestartPrefixes = prefixes;
        }
        finally
        {
            cursor.Release();
        }
    }

    public uint RestartOffset(int index) => BinaryPrimitives.ReadUInt32LittleEndian(Data.AsSpan(RestartsStart + (4 * index)));

    public EdgeCorruptionException Corrupt(string what) =>
        new($"Sorted table '{Path}': the block at offset {FileOffset} {what}.", Path, FileOffset);

    [MemberNotNull(nameof(Data), nameof(Path))]
    private void Bind(byte[] data, int length, string path, long fileOffset)
    {
        Data = data;
        Path = path;
        FileOffset = fileOffset;
        if (length < 8)
        {
            throw Corrupt("is too short for a restart array");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(length - 4));
        if (count < 1 || count > (uint)(length - 4) / 4)
        {
            throw Corrupt("has an impossible restart count");
        }

        RestartCount = (int)count;
        RestartsStart = length - 4 - (4 * RestartCount);
        var previous = -1L;
        for (var i = 0; i < RestartCount; i++)
        {
            long restart = RestartOffset(i);
            if ((i == 0 && restart != 0) || restart <= previous || restart >= RestartsStart)
            {
                throw Corrupt("has a restart offset out of order or out of bounds");
            }

            previous = restart;
        }
    }
}
