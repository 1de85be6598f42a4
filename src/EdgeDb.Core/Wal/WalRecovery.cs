using Microsoft.Extensions.Logging;
using EdgeDb.Diagnostics;
using EdgeDb.Storage;
using EdgeDb.Format;
using EdgeDb.Writes;

namespace EdgeDb.Wal;

/// <summary>Receives each valid record, in order, during recovery.</summary>
internal delegate void WalRecordSink(ulong firstSequence, ReadOnlySpan<byte> payload, int operationCount);

/// <summary>Where the writer continues after recovery: the end of a recovered segment, or a new segment.</summary>
internal readonly record struct WalRecoveryResult(
    ulong LastSequence,
    ulong SegmentNumber,
    long ValidLength,
    bool CreateNewSegment,
    int SegmentsRead,
    long RecordsReplayed);

/// <summary>
/// Replays the WAL on open following the reading rules of docs/wal-format.md: only records whose two CRCs
/// hold and whose sequence numbers continue the history exactly, in order; damage is cut, salvaged or
/// raised according to the <see cref="WalRecoveryMode"/>.
/// </summary>
internal sealed class WalRecovery
{
    private readonly StoreDirectory _directory;
    private readonly WalRecoveryMode _mode;
    private readonly ILogger _logger;
    private readonly WalRecordSink _sink;

    private WalRecovery(StoreDirectory directory, WalRecoveryMode mode, ILogger logger, WalRecordSink sink)
    {
        _directory = directory;
        _mode = mode;
        _logger = logger;
        _sink = sink;
    }

    /// <summary>Replays every segment of <paramref name="directory"/> into <paramref name="sink"/>.</summary>
    /// <param name="directory">The store directory.</param>
    /// <param name="mode">How damage is treated.</param>
    /// <param name="logger">Where a cut tail or a salvage is logged.</param>
    /// <param name="firstSequence">The sequence number the oldest record must carry.</param>
    /// <param name="walFloor">The lowest segment still needed (older ones are covered by tables and ignored).</param>
    /// <param name="sink">Receives each valid record in order.</param>
    public static WalRecoveryResult Recover(StoreDirectory directory, WalRecoveryMode mode, ILogger logger, ulong firstSequence, ulong walFloor, WalRecordSink sink) =>
        new WalRecovery(directory, mode, logger, sink).Run(firstSequence, walFloor);

    private WalRecoveryResult Run(ulong firstSequence, ulong walFloor)
    {
        var segments = _directory.ListSegments().Where(s => s.Number >= walFloor).ToList();
        if (segments.Count == 0)
        {
            return new WalRecoveryResult(firstSequence - 1, Math.Max(walFloor, 1), 0, CreateNewSegment: true, 0, 0);
        }

        var expected = firstSequence;
        long records = 0;
        long lastValidLength = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var (number, path) = segments[i];
            var isNewest = i == segments.Count - 1;
            Damage? damage = null;
            long validLength;

            var expectedNumber = i == 0 ? Math.Max(walFloor, 1) : segments[i - 1].Number + 1;
            if (number != expectedNumber)
            {
                damage = new Damage(0, $"segment {expectedNumber} is missing before it", Torn: false);
                validLength = 0;
            }
            else
            {
                using var reader = new SegmentFileReader(_directory.Files, path);
                validLength = ReplaySegment(reader, number, ref expected, ref records, out damage);
                if (damage is { } found && found.Torn)
                {
                    damage = Classify(reader, found, isNewest, expected);
                    if (damage is null)
                    {
                        // A torn tail of the newest segment: cut it before anything is appended after it.
                        Truncate(path, validLength);
                        Log.TornTailCut(_logger, path, validLength, reader.Length - validLength, found.Reason);
                        return new WalRecoveryResult(expected - 1, number, validLength, CreateNewSegment: false, i + 1, records);
                    }
                }
            }

            if (damage is { } fatal)
            {
                if (_mode != WalRecoveryMode.PointInTimeRecovery)
                {
                    throw Corruption(path, fatal);
                }

                return Salvage(segments, i, fatal, validLength, expected, records, walFloor);
            }

            lastValidLength = validLength;
        }

        // The writer continues after the last record; a zero tail past it (preallocation) is written over.
        return new WalRecoveryResult(expected - 1, segments[^1].Number, lastValidLength, CreateNewSegment: false, segments.Count, records);
    }

    /// <summary>Replays the records of one segment; returns the end of its last valid record.</summary>
    private long ReplaySegment(SegmentFileReader reader, ulong number, ref ulong expected, ref long records, out Damage? damage)
    {
        damage = null;
        if (reader.Length < WalFormat.SegmentHeaderSize)
        {
            damage = new Damage(0, $"the segment is {reader.Length} bytes, shorter than its header", Torn: false);
            return 0;
        }

        var headerError = WalFormat.ValidateSegmentHeader(reader.Read(0, WalFormat.SegmentHeaderSize), number);
        if (headerError is not null)
        {
            damage = new Damage(0, headerError, Torn: false);
            return 0;
        }

        long offset = WalFormat.SegmentHeaderSize;
        while (offset < reader.Length)
        {
            var remaining = reader.Length - offset;
            var headerFits = remaining >= WalFormat.RecordHeaderSize;
            RecordHeader header = default;
            if (!headerFits || !RecordHeader.TryRead(reader.Read(offset, WalFormat.RecordHeaderSize), out header))
            {
                // Zeros to the end are the writer's preallocation, never a record (an all-zero header fails its CRC).
                if (reader.NextNonZero(offset) == reader.Length)
                {
                    return offset;
                }

                damage = headerFits
                    ? new Damage(offset, "a record header fails its CRC", Torn: true)
                    : new Damage(offset, $"an incomplete record header of {remaining} bytes", Torn: true);
                return offset;
            }

            var impossible = header.ImpossibleValue()
                ?? (header.FirstSequence != expected ? $"a record has sequence number {header.FirstSequence} where {expected} comes next" : null);
            if (impossible is not null)
            {
                damage = new Damage(offset, impossible, Torn: false);
                return offset;
            }

            if (header.PayloadLength > remaining - WalFormat.RecordHeaderSize)
            {
                damage = new Damage(offset, $"a record's {header.PayloadLength}-byte payload runs past the end of the segment", Torn: true);
                return offset;
            }

            var payload = reader.Read(offset + WalFormat.RecordHeaderSize, (int)header.PayloadLength);
            if (Crc32C.Compute(payload) != header.PayloadCrc)
            {
                damage = new Damage(offset, "a record payload fails its CRC", Torn: true);
                return offset;
            }

            var batchError = BatchPayload.Validate(payload, out var count);
            if (batchError is not null)
            {
                damage = new Damage(offset, "a record payload passes its CRC but is malformed: " + batchError, Torn: false);
                return offset;
            }

            _sink(header.FirstSequence, payload, count);
            expected = header.FirstSequence + (ulong)count;
            records++;
            offset += WalFormat.RecordHeaderSize + header.PayloadLength;
        }

        return offset;
    }

    /// <summary>
    /// Decides whether damage that looks like a torn write really is the tail of the history: null when it is
    /// (the newest segment, the mode allows it, and no valid record follows), else the damage to report.
    /// </summary>
    private Damage? Classify(SegmentFileReader reader, Damage damage, bool isNewest, ulong expected)
    {
        if (_mode == WalRecoveryMode.AbsoluteConsistency)
        {
            return damage with { Reason = damage.Reason + "; AbsoluteConsistency accepts no torn tail" };
        }

        if (!isNewest)
        {
            return damage with { Reason = damage.Reason + ", in a segment that is not the newest" };
        }

        var follower = FindValidRecordAfter(reader, damage.Offset + 1, expected);
        return follower < 0
            ? null
            : damage with { Reason = damage.Reason + $", and a valid record follows at offset {follower}, so this is not a torn tail" };
    }

    /// <summary>
    /// The offset of a record after <paramref name="from"/> whose both CRCs hold and whose sequence number is not
    /// older than <paramref name="expected"/>, or -1. Used only to decide whether to fail; never to replay.
    /// </summary>
    private static long FindValidRecordAfter(SegmentFileReader reader, long from, ulong expected)
    {
        for (var offset = from; offset <= reader.Length - WalFormat.RecordHeaderSize; offset++)
        {
            // A header window of zeros cannot pass its CRC: jump to the first window holding a non-zero byte.
            var nonZero = reader.NextNonZero(offset);
            if (nonZero >= offset + WalFormat.RecordHeaderSize)
            {
                offset = nonZero - WalFormat.RecordHeaderSize;
                continue;
            }

            if (!RecordHeader.TryRead(reader.Read(offset, WalFormat.RecordHeaderSize), out var header)
                || header.ImpossibleValue() is not null
                || header.FirstSequence < expected
                || header.PayloadLength > reader.Length - offset - WalFormat.RecordHeaderSize)
            {
                continue;
            }

            if (Crc32C.Compute(reader.Read(offset + WalFormat.RecordHeaderSize, (int)header.PayloadLength)) == header.PayloadCrc)
            {
                return offset;
            }
        }

        return -1;
    }

    private WalRecoveryResult Salvage(List<(ulong Number, string Path)> segments, int damagedIndex, Damage damage, long validLength, ulong expected, long records, ulong walFloor)
    {
        var files = _directory.Files;
        var lostRoot = _directory.Combine("lost");
        var lost = Path.Combine(lostRoot, DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
        var createdRoot = files.CreateDirectory(lostRoot);
        files.CreateDirectory(lost);
        for (var i = damagedIndex; i < segments.Count; i++)
        {
            var copy = Path.Combine(lost, Path.GetFileName(segments[i].Path));
            files.Copy(segments[i].Path, copy);
            using var handle = files.Open(copy, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            handle.Sync();
        }

        files.SyncDirectory(lost);
        files.SyncDirectory(lostRoot);
        if (createdRoot)
        {
            _directory.Sync();
        }

        // Only now that the copies are durable is anything removed from the live log.
        var (number, path) = segments[damagedIndex];
        for (var i = segments.Count - 1; i > damagedIndex; i--)
        {
            files.Delete(segments[i].Path);
        }

        var keepDamaged = validLength >= WalFormat.SegmentHeaderSize;
        if (keepDamaged)
        {
            Truncate(path, validLength);
        }
        else
        {
            files.Delete(path);
        }

        _directory.Sync();
        Log.SalvagedPrefix(_logger, path, damage.Offset, damage.Reason, lost);

        if (keepDamaged)
        {
            return new WalRecoveryResult(expected - 1, number, validLength, CreateNewSegment: false, damagedIndex + 1, records);
        }

        return damagedIndex > 0
            ? new WalRecoveryResult(expected - 1, segments[damagedIndex - 1].Number, SegmentLength(segments[damagedIndex - 1].Path), CreateNewSegment: false, damagedIndex, records)
            : new WalRecoveryResult(expected - 1, Math.Max(walFloor, 1), 0, CreateNewSegment: true, 0, records);
    }

    private void Truncate(string path, long length)
    {
        using var handle = _directory.Files.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        handle.SetLength(length);
        handle.Sync();
    }

    private long SegmentLength(string path)
    {
        using var handle = _directory.Files.Open(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return handle.GetLength();
    }

    private static EdgeCorruptionException Corruption(string path, Damage damage) => new(
        $"The WAL segment '{path}' is damaged at offset {damage.Offset}: {damage.Reason}. Nothing on disk was changed. " +
        "Restore the store from a backup, or open it with WalRecoveryMode.PointInTimeRecovery to keep the history " +
        "before the damage (the rest is copied to the store's 'lost' folder).",
        path,
        damage.Offset);

    /// <summary>Where a segment stops being valid, why, and whether a torn write could explain it.</summary>
    private readonly record struct Damage(long Offset, string Reason, bool Torn);
}
