using System.Buffers.Binary;
using EdgeDb.Wal;

namespace EdgeDb.Tests.Support;

/// <summary>Reads WAL files the way the format says, to find record boundaries for damage tests.</summary>
internal static class WalFiles
{
    public static string[] Segments(string directory) =>
        Directory.GetFiles(directory, "*.wal").Order(StringComparer.Ordinal).ToArray();

    public static string Single(string directory) => Assert.Single(Segments(directory));

    /// <summary>The start offset of each record in a segment (trusting the file, which must be undamaged).</summary>
    public static List<long> RecordOffsets(string segmentPath)
    {
        var bytes = File.ReadAllBytes(segmentPath);
        var offsets = new List<long>();
        long offset = WalFormat.SegmentHeaderSize;
        // Zeros to the end of the file are preallocation, not records (docs/wal-format.md, "Reading").
        var end = bytes.AsSpan().LastIndexOfAnyExcept((byte)0) + 1;
        while (offset < end)
        {
            offsets.Add(offset);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset + 4));
            offset += WalFormat.RecordHeaderSize + length;
        }

        Assert.True(offset >= end && bytes.AsSpan((int)Math.Min(offset, bytes.Length)).IndexOfAnyExcept((byte)0) < 0, "the records must end where the zeros begin");
        return offsets;
    }

    /// <summary>The offset just past the last record (where a zero tail, if any, begins).</summary>
    public static long RecordsEnd(string segmentPath)
    {
        var offsets = RecordOffsets(segmentPath);
        if (offsets.Count == 0)
        {
            return WalFormat.SegmentHeaderSize;
        }

        Span<byte> header = stackalloc byte[WalFormat.RecordHeaderSize];
        using var file = File.OpenRead(segmentPath);
        file.Position = offsets[^1];
        file.ReadExactly(header);
        return offsets[^1] + WalFormat.RecordHeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
    }

    /// <summary>Appends <paramref name="count"/> zero bytes, as a writer's preallocation leaves them after a crash.</summary>
    public static void AppendZeros(string path, int count)
    {
        using var file = new FileStream(path, FileMode.Append);
        file.Write(new byte[count]);
    }

    public static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }

    public static void XorByte(string path, long offset, byte mask)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = (byte)file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ mask));
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
