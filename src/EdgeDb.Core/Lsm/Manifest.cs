using System.Buffers.Binary;
using EdgeDb.Storage;
using EdgeDb.Wal;
using EdgeDb.Format;

namespace EdgeDb.Lsm;

/// <summary>
/// The store's table of contents: the live tables, the flushed sequence number and the WAL floor, replaced
/// whole and atomically on every change (docs/lsm.md, "The manifest").
/// </summary>
internal sealed record Manifest(ulong NextFileNumber, ulong FlushedSequence, ulong WalFloor, IReadOnlyList<TableMetadata> Tables)
{
    public const int MaxLevels = 7;
    private const uint FormatVersion = 1;
    private const int HeaderSize = 40;

    public static readonly Manifest Empty = new(1, 0, 1, []);

    /// <summary>
    /// The largest manifest a reader accepts (it is read whole): a million tables with keys of 400 bytes, far past
    /// any store's table count. A larger file is damage, refused before its size is allocated.
    /// </summary>
    private const long MaxFileSize = 1L << 30;

    private static ReadOnlySpan<byte> Magic => "EDGEMAN\n"u8;

    /// <summary>Reads the manifest of <paramref name="directory"/>; null when there is no <c>MANIFEST</c> file at all.</summary>
    /// <exception cref="EdgeCorruptionException">The manifest is damaged, or its name is taken by something that is not a file.</exception>
    public static Manifest? TryRead(StoreDirectory directory)
    {
        var path = directory.ManifestPath;
        var files = directory.Files;
        if (!files.FileExists(path))
        {
            if (files.DirectoryExists(path))
            {
                throw Corrupt(path, 0, "it is a directory, not a file");
            }

            return null;
        }

        byte[] bytes;
        using (var file = files.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var length = file.GetLength();
            if (length > MaxFileSize)
            {
                throw Corrupt(path, 0, $"it is {length} bytes, more than the {MaxFileSize} bytes a manifest may have");
            }

            bytes = new byte[length];
            if (!file.TryReadExactly(bytes, 0))
            {
                throw Corrupt(path, 0, "it became shorter while it was read");
            }
        }

        return Decode(bytes, path);
    }

    /// <summary>Decodes manifest bytes; every length is checked against what remains before it is used.</summary>
    /// <exception cref="EdgeCorruptionException">The bytes are not a valid manifest.</exception>
    public static Manifest Decode(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < HeaderSize + 4)
        {
            throw Corrupt(path, 0, $"it is {bytes.Length} bytes, shorter than its header");
        }

        var body = bytes[..^4];
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]) != Crc32C.Compute(body))
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
            if (level is < 0 or >= MaxLevels || fileNumber == 0 || fileNumber >= nextFile || fileSize <= 0
                || entries < 1 || smallestSequence > largestSequence || smallest.AsSpan().SequenceCompareTo(largest) > 0)
            {
                throw Corrupt(path, at, $"table {fileNumber} has impossible metadata (level {level}, size {fileSize}, {entries} entries, key or sequence range reversed)");
            }

            tables.Add(new TableMetadata(level, fileNumber, fileSize, entries, smallestSequence, largestSequence, smallest, largest));
        }

        if (at != body.Length)
        {
            throw Corrupt(path, at, "bytes are left over after the last table");
        }

        CheckLevelInvariants(tables, path);
        return new Manifest(nextFile, flushed, floor == 0 ? 1 : floor, tables);
    }

    /// <summary>
    /// Each table is listed once, and the tables of every level below 0 hold disjoint key ranges: reads and scans
    /// of a sorted level take one table per key, so overlapping tables there would return keys out of order.
    /// </summary>
    private static void CheckLevelInvariants(List<TableMetadata> tables, string path)
    {
        var numbers = new HashSet<ulong>();
        foreach (var table in tables)
        {
            if (!numbers.Add(table.FileNumber))
            {
                throw Corrupt(path, -1, $"it lists table {table.FileNumber} twice");
            }
        }

        foreach (var level in tables.Where(t => t.Level > 0).GroupBy(t => t.Level))
        {
            var sorted = level.OrderBy(t => t.SmallestKey, KeyOrder.Instance).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i - 1].LargestKey.AsSpan().SequenceCompareTo(sorted[i].SmallestKey) >= 0)
                {
                    throw Corrupt(path, -1, $"level {level.Key} lists tables {sorted[i - 1].FileNumber} and {sorted[i].FileNumber}, whose key ranges overlap");
                }
            }
        }
    }

    /// <summary>Replaces the manifest atomically: write a temporary file, fsync, rename, fsync the directory.</summary>
    public void Write(StoreDirectory directory)
    {
        var bytes = Encode();
        var files = directory.Files;
        var path = directory.ManifestPath;
        var temp = StoreFileNames.Temp(path);
        using (var handle = files.Open(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            handle.Write(bytes, 0);
            handle.Sync();
        }

        files.Move(temp, path, overwrite: true);
        directory.Sync();
    }

    /// <summary>The manifest's bytes (docs/lsm.md, "The manifest").</summary>
    public byte[] Encode()
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
        return bytes;
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
