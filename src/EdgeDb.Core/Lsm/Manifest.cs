using System.Buffers.Binary;
using EdgeDb.Storage;
using EdgeDb.Wal;

namespace EdgeDb.Lsm;

/// <summary>
/// The store's table of contents: the live tables, the flushed sequence number and the WAL floor, replaced
/// whole and atomically on every change (docs/lsm.md, "The manifest").
/// </summary>
internal sealed record Manifest(ulong NextFileNumber, ulong FlushedSequence, ulong WalFloor, IReadOnlyList<TableMetadata> Tables)
{
    public const string FileName = "MANIFEST";
    public const int MaxLevels = 7;
    private const uint FormatVersion = 1;
    private const int HeaderSize = 40;

    public static readonly Manifest Empty = new(1, 0, 1, []);

    private static ReadOnlySpan<byte> Magic => "EDGEMAN\n"u8;

    /// <summary>Reads the manifest of <paramref name="directory"/>; <see cref="Empty"/> when there is none.</summary>
    /// <exception cref="EdgeCorruptionException">The manifest is damaged.</exception>
    public static Manifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderSize + 4)
        {
            throw Corrupt(path, 0, $"it is {bytes.Length} bytes, shorter than its header");
        }

        var body = bytes.AsSpan(0, bytes.Length - 4);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) != Crc32C.Compute(body))
        {
            throw Corrupt(path, bytes.Length - 4, "it fails its CRC");
        }

        if (!body[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(body[8..]) != FormatVersion)
        {
            throw Corrupt(path, 0, "it has the wrong magic or format version");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
        var nextFile = BinaryPrimitives.ReadUInt64LittleEndian(body[16..]);
        var flushed = BinaryPrimitives.ReadUInt64LittleEndian(body[24..]);
        var floor = BinaryPrimitives.ReadUInt64LittleEndian(body[32..]);

        // Every entry takes at least 52 bytes: a count beyond that is a lie, caught before any list is sized.
        if (count > (uint)(body.Length - HeaderSize) / 52)
        {
            throw Corrupt(path, 12, $"it claims {count} tables, more than its {bytes.Length} bytes can hold");
        }

        var tables = new List<TableMetadata>((int)count);
        var at = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (body.Length - at < 52)
            {
                throw Corrupt(path, at, "a table entry runs past the end");
            }

            var level = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
            var fileNumber = BinaryPrimitives.ReadUInt64LittleEndian(body[(at + 4)..]);
            var fileSize = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 12)..]);
            var entries = BinaryPrimitives.ReadInt64LittleEndian(body[(at + 20)..]);
            var smallestSequence = BinaryPrimitives.ReadUInt64LittleEndian(body[(at + 28)..]);
            var largestSequence = BinaryPrimitives.ReadUInt64LittleEndian(body[(at + 36)..]);
            at += 44;
            var smallest = ReadKey(path, body, ref at);
            var largest = ReadKey(path, body, ref at);
            if (level is < 0 or >= MaxLevels || fileNumber == 0 || fileNumber >= nextFile || fileSize <= 0)
            {
                throw Corrupt(path, at, $"table {fileNumber} has impossible metadata (level {level}, size {fileSize})");
            }

            tables.Add(new TableMetadata(level, fileNumber, fileSize, entries, smallestSequence, largestSequence, smallest, largest));
        }

        if (at != body.Length)
        {
            throw Corrupt(path, at, "bytes are left over after the last table");
        }

        return new Manifest(nextFile, flushed, floor == 0 ? 1 : floor, tables);
    }

    /// <summary>Replaces the manifest atomically: write a temporary file, fsync, rename, fsync the directory.</summary>
    public void Write(string directory)
    {
        var size = HeaderSize + 4 + Tables.Sum(t => 52L + t.SmallestKey.Length + t.LargestKey.Length);
        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)Tables.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], NextFileNumber);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], FlushedSequence);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], WalFloor);
        var at = HeaderSize;
        foreach (var table in Tables)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], table.Level);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 4)..], table.FileNumber);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 12)..], table.FileSize);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 20)..], table.EntryCount);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 28)..], table.SmallestSequence);
            BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 36)..], table.LargestSequence);
            at += 44;
            WriteKey(span, ref at, table.SmallestKey);
            WriteKey(span, ref at, table.LargestKey);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], Crc32C.Compute(span[..at]));

        var path = Path.Combine(directory, FileName);
        var temp = path + ".tmp";
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, bytes, 0);
            RandomAccess.FlushToDisk(handle);
        }

        File.Move(temp, path, overwrite: true);
        DirectorySync.Sync(directory);
    }

    private static byte[] ReadKey(string path, ReadOnlySpan<byte> body, ref int at)
    {
        if (body.Length - at < 4)
        {
            throw Corrupt(path, at, "a key length runs past the end");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(body[at..]);
        at += 4;
        if (length > EdgeStoreOptions.KeySizeLimit || length > (uint)(body.Length - at))
        {
            throw Corrupt(path, at - 4, $"a key claims {length} bytes");
        }

        var key = body.Slice(at, (int)length).ToArray();
        at += (int)length;
        return key;
    }

    private static void WriteKey(Span<byte> span, ref int at, byte[] key)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)key.Length);
        key.CopyTo(span[(at + 4)..]);
        at += 4 + key.Length;
    }

    private static EdgeCorruptionException Corrupt(string path, long offset, string reason) =>
        new($"The manifest '{path}' is damaged: {reason}. Restore the store from a backup.", path, offset);
}
