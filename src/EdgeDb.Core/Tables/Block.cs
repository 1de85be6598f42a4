using System.Buffers.Binary;

namespace EdgeDb.Tables;

/// <summary>
/// One raw (decompressed, CRC-checked) block and its restart array, immutable and shared by every reader and
/// the block cache. The restart array is checked once here so cursors can trust it.
/// </summary>
internal sealed class Block
{
    public Block(byte[] data, int length, string path, long fileOffset)
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

    public byte[] Data { get; }

    public string Path { get; }

    /// <summary>The block's offset in its table file, for cache keys and error messages.</summary>
    public long FileOffset { get; }

    public int RestartCount { get; }

    /// <summary>Where the entries end and the restart array begins.</summary>
    public int RestartsStart { get; }

    public uint RestartOffset(int index) => BinaryPrimitives.ReadUInt32LittleEndian(Data.AsSpan(RestartsStart + (4 * index)));

    public EdgeCorruptionException Corrupt(string what) =>
        new($"Sorted table '{Path}': the block at offset {FileOffset} {what}.", Path, FileOffset);
}
