using System.Buffers.Binary;
using EdgeDb.Tests.Support;
using EdgeDb.Wal;
using static EdgeDb.Tests.Support.Bytes;
using EdgeDb.Format;

namespace EdgeDb.Tests.Wal;

/// <summary>
/// Damage done to real WAL files: truncation at every byte, a flip of every byte, forged headers. Whatever is
/// done, opening either raises <see cref="EdgeCorruptionException"/> or yields an exact prefix of the history.
/// </summary>
public sealed class WalDamageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Writes <paramref name="records"/> single-put records: k00 = v00..., k01 = v01..., one record each.</summary>
    private string WriteHistory(int records)
    {
        var source = _dir.Combine("source");
        using (var store = EdgeStore.Open(source))
        {
            for (var i = 0; i < records; i++)
            {
                store.Put(Of($"k{i:D2}"), Of($"v{i:D2}" + new string('.', i % 7)));
            }
        }

        File.Delete(Path.Combine(source, "LOCK"));
        return source;
    }

    private static List<(string Key, string Value)> Prefix(int records) =>
        Enumerable.Range(0, records).Select(i => ($"k{i:D2}", $"v{i:D2}" + new string('.', i % 7))).ToList();

    private string Copy(string source, string name)
    {
        var target = _dir.Combine(name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        WalFiles.CopyDirectory(source, target);
        return target;
    }

    [Fact]
    public void Truncation_at_every_byte_of_the_last_records_keeps_exactly_the_whole_records_before_it()
    {
        var source = WriteHistory(12);
        var segmentName = Path.GetFileName(WalFiles.Single(source));
        var offsets = WalFiles.RecordOffsets(Path.Combine(source, segmentName));
        var length = new FileInfo(Path.Combine(source, segmentName)).Length;

        for (var cut = offsets[^3]; cut <= length; cut++)
        {
            var copy = Copy(source, "cut");
            WalFiles.Truncate(Path.Combine(copy, segmentName), cut);
            var ends = offsets.Skip(1).Append(length);
            var whole = ends.Count(end => end <= cut);

            using (var store = EdgeStore.Open(copy))
            {
                Assert.Equal(Prefix(whole), Dump(store.Scan([], [])));
                Assert.Equal((ulong)whole, store.LastSequence);

                // The cut tail was truncated before this append, so the new record follows the prefix directly.
                store.Put(Of("after"), Of("cut"));
            }

            using (var store = EdgeStore.Open(copy, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.AbsoluteConsistency }))
            {
                Assert.Equal([("after", "cut"), .. Prefix(whole)], Dump(store.Scan([], [])));
            }
        }
    }

    [Fact]
    public void A_batch_cut_anywhere_is_absent_as_a_whole()
    {
        var source = WriteHistory(3);
        using (var store = EdgeStore.Open(source))
        {
            var batch = new WriteBatch();
            for (var i = 0; i < 20; i++)
            {
                batch.Put(Of($"b{i:D2}"), Of($"batch-{i}"));
            }

            batch.Delete(Of("k00"));
            store.Write(batch);
        }

        File.Delete(Path.Combine(source, "LOCK"));
        var segmentName = Path.GetFileName(WalFiles.Single(source));
        var offsets = WalFiles.RecordOffsets(Path.Combine(source, segmentName));
        var length = new FileInfo(Path.Combine(source, segmentName)).Length;

        for (var cut = offsets[^1]; cut < length; cut++)
        {
            var copy = Copy(source, "batch-cut");
            WalFiles.Truncate(Path.Combine(copy, segmentName), cut);
            using var store = EdgeStore.Open(copy);

            // None of the batch's 21 operations, not even its delete of k00: the state before it, exactly.
            Assert.Equal(Prefix(3), Dump(store.Scan([], [])));
            Assert.Equal(3ul, store.LastSequence);
        }

        using (var whole = EdgeStore.Open(Copy(source, "batch-whole")))
        {
            Assert.Equal(22, whole.Scan([], []).Count());
            Assert.False(whole.ContainsKey(Of("k00")));
        }
    }

    [Fact]
    public void Truncation_into_the_segment_header_is_corruption()
    {
        var source = WriteHistory(3);
        var segment = WalFiles.Single(source);
        WalFiles.Truncate(segment, WalFormat.SegmentHeaderSize - 1);
        Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x01)]
    [InlineData(0x80)]
    public void Flipping_any_byte_raises_or_loses_only_the_last_record(byte mask)
    {
        const int records = 5;
        var source = WriteHistory(records);
        var segmentName = Path.GetFileName(WalFiles.Single(source));
        var offsets = WalFiles.RecordOffsets(Path.Combine(source, segmentName));
        var length = new FileInfo(Path.Combine(source, segmentName)).Length;

        for (long at = 0; at < length; at++)
        {
            var copy = Copy(source, "flip");
            WalFiles.XorByte(Path.Combine(copy, segmentName), at, mask);

            if (at >= offsets[^1])
            {
                // Inside the last record: it may vanish, quietly, as a torn tail.
                using var store = EdgeStore.Open(copy);
                Assert.Equal(Prefix(records - 1), Dump(store.Scan([], [])));
            }
            else
            {
                var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(copy));
                Assert.EndsWith(segmentName, error.FilePath);
            }
        }
    }

    [Fact]
    public void A_corrupted_length_in_an_early_record_is_not_mistaken_for_a_torn_tail()
    {
        var source = WriteHistory(6);
        var segment = WalFiles.Single(source);
        var offsets = WalFiles.RecordOffsets(segment);

        // The raw flip: the header CRC catches it, and the records after it prove it is not the tail.
        var flipped = Copy(source, "flipped");
        WalFiles.XorByte(Path.Combine(flipped, Path.GetFileName(segment)), offsets[1] + 4, 0x40);
        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(flipped));
        Assert.Equal(offsets[1], error.Offset);
        Assert.Contains("not a torn tail", error.Message);

        // A forged length with a matching header CRC, pointing past the end of the file: it looks torn,
        // but valid records follow inside the bytes it claims.
        var forged = Copy(source, "forged");
        var forgedSegment = Path.Combine(forged, Path.GetFileName(segment));
        RewriteHeader(forgedSegment, offsets[1], payloadLength: 1_000_000);
        error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(forged));
        Assert.Equal(offsets[1], error.Offset);

        // The store was left as it was: a salvage open still finds the prefix before the damage.
        using var salvaged = EdgeStore.Open(forged, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.PointInTimeRecovery });
        Assert.Equal(Prefix(1), Dump(salvaged.Scan([], [])));
    }

    [Theory]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFFFu)]
    public void A_record_claiming_a_huge_length_raises_without_allocating_it(uint claimedLength)
    {
        var source = WriteHistory(3);
        var segment = WalFiles.Single(source);
        AppendForgedRecord(segment, claimedLength, firstSequence: 4, payload: new byte[16]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("claims a payload", error.Message);
        Assert.True(allocated < 8 * 1024 * 1024, $"opening allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_plausible_length_past_the_end_is_a_torn_tail_and_is_not_allocated()
    {
        var source = WriteHistory(3);
        var segment = WalFiles.Single(source);
        AppendForgedRecord(segment, 200 * 1024 * 1024, firstSequence: 4, payload: new byte[16]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var store = EdgeStore.Open(source))
        {
            Assert.Equal(Prefix(3), Dump(store.Scan([], [])));
        }

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 * 1024 * 1024);
    }

    [Fact]
    public void A_valid_record_replayed_out_of_order_is_corruption_not_history()
    {
        var source = WriteHistory(4);
        var segment = WalFiles.Single(source);
        var offsets = WalFiles.RecordOffsets(segment);
        var bytes = File.ReadAllBytes(segment);

        // Append an exact copy of record 1: both CRCs hold, but its sequence number does not continue.
        var record = bytes.AsSpan((int)offsets[1], (int)(offsets[2] - offsets[1])).ToArray();
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(record);
        }

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Contains("sequence number 2 where 5 comes next", error.Message);
    }

    [Fact]
    public void A_record_with_valid_crcs_and_a_malformed_batch_is_corruption()
    {
        var source = WriteHistory(2);
        var segment = WalFiles.Single(source);
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, 1);
        payload[4] = 9; // unknown operation kind
        AppendForgedRecord(segment, (uint)payload.Length, firstSequence: 3, payload);

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Contains("malformed", error.Message);
    }

    [Fact]
    public void Garbage_after_the_last_record_is_cut()
    {
        var source = WriteHistory(5);
        var segment = WalFiles.Single(source);
        var recordsEnd = new FileInfo(segment).Length;
        var tail = new byte[3000];
        new Random(3).NextBytes(tail);
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(tail);
        }

        using (var store = EdgeStore.Open(source))
        {
            Assert.Equal(Prefix(5), Dump(store.Scan([], [])));
        }

        Assert.Equal(recordsEnd, new FileInfo(segment).Length);
        Assert.Equal(5, WalFiles.RecordOffsets(segment).Count);
    }

    [Fact]
    public void Zeros_after_the_last_record_are_a_preallocated_tail_that_later_writes_go_over()
    {
        var source = WriteHistory(5);
        var segment = WalFiles.Single(source);
        var recordsEnd = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Append))
        {
            file.Write(new byte[3000]);
        }

        // Every mode reads zeros to the end as the end of the segment, not as a torn write.
        using (var store = EdgeStore.Open(source, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.AbsoluteConsistency }))
        {
            Assert.Equal(Prefix(5), Dump(store.Scan([], [])));
            store.Put(Of("k05"), Of("v05....."));
            var offsets = WalFiles.RecordOffsets(segment);
            Assert.Equal(6, offsets.Count);
            Assert.Equal(recordsEnd, offsets[^1]);
        }

        // Closed cleanly: the zeros are cut, the log ends at its last record.
        Assert.Equal(6, WalFiles.RecordOffsets(segment).Count);
        Assert.Equal(WalFiles.RecordsEnd(segment), new FileInfo(segment).Length);
        using (var store = EdgeStore.Open(source, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.AbsoluteConsistency }))
        {
            Assert.Equal(Prefix(6), Dump(store.Scan([], [])));
        }
    }

    [Fact]
    public void A_zero_header_fails_its_crc()
    {
        // The reading rule "zeros to the end are no record" rests on this (docs/wal-format.md, "Segment layout").
        Assert.Equal(0xBCC5563Eu, Crc32C.Compute(new byte[20]));
        Assert.False(RecordHeader.TryRead(new byte[WalFormat.RecordHeaderSize], out _));
    }

    [Fact]
    public void A_record_lost_in_a_zero_tail_of_an_older_segment_is_a_sequence_gap()
    {
        var source = WriteHistory(3);
        var first = WalFiles.Single(source);
        var offsets = WalFiles.RecordOffsets(first);
        var bytes = File.ReadAllBytes(first);
        var thirdPayload = bytes.AsSpan((int)offsets[2] + WalFormat.RecordHeaderSize).ToArray();

        // Records 2 and 3 never reached the disk (zeros where they were), while a later segment carries on
        // with sequence 3: segment 1's zero tail ends it after sequence 1, so 3 is a gap, not a continuation.
        bytes.AsSpan((int)offsets[1]).Clear();
        File.WriteAllBytes(first, bytes);
        var second = Path.Combine(source, EdgeDb.Storage.StoreFileNames.Segment(2));
        var header = new byte[WalFormat.SegmentHeaderSize];
        WalFormat.WriteSegmentHeader(header, 2);
        File.WriteAllBytes(second, header);
        AppendForgedRecord(second, (uint)thirdPayload.Length, firstSequence: 3, thirdPayload);

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Contains("sequence number 3 where 2 comes next", error.Message);
    }

    [Fact]
    public void AbsoluteConsistency_refuses_a_torn_tail_and_changes_nothing()
    {
        var source = WriteHistory(4);
        var segment = WalFiles.Single(source);
        var length = new FileInfo(segment).Length;
        WalFiles.Truncate(segment, length - 3);

        Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.AbsoluteConsistency }));
        Assert.Equal(length - 3, new FileInfo(segment).Length);

        using var store = EdgeStore.Open(source);
        Assert.Equal(Prefix(3), Dump(store.Scan([], [])));
    }

    [Fact]
    public void Damage_in_an_older_segment_is_corruption_even_at_its_end()
    {
        var source = _dir.Combine("rotated");
        using (var store = EdgeStore.Open(source, new EdgeStoreOptions { WalSegmentSizeBytes = 4096 }))
        {
            for (var i = 0; i < 200; i++)
            {
                store.Put(Of($"k{i:D3}"), new byte[100]);
            }
        }

        var segments = WalFiles.Segments(source);
        Assert.True(segments.Length >= 3);
        WalFiles.Truncate(segments[0], new FileInfo(segments[0]).Length - 1);

        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Contains("not the newest", error.Message);
    }

    [Fact]
    public void A_missing_segment_is_corruption_and_salvage_keeps_what_precedes_it()
    {
        var source = _dir.Combine("gap");
        using (var store = EdgeStore.Open(source, new EdgeStoreOptions { WalSegmentSizeBytes = 4096 }))
        {
            for (var i = 0; i < 200; i++)
            {
                store.Put(Of($"k{i:D3}"), new byte[100]);
            }
        }

        var segments = WalFiles.Segments(source);
        File.Delete(segments[1]);
        var error = Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Contains("is missing", error.Message);

        var inFirst = WalFiles.RecordOffsets(segments[0]).Count;
        using var store2 = EdgeStore.Open(source, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.PointInTimeRecovery });
        Assert.Equal((ulong)inFirst, store2.LastSequence);
        Assert.Equal(inFirst, store2.Scan([], []).Count());
        store2.Put(Of("next"), [1]);
        Assert.Equal((ulong)inFirst + 1, store2.LastSequence);
    }

    [Fact]
    public void Salvage_keeps_the_prefix_before_mid_log_damage_and_copies_the_rest_to_lost()
    {
        var source = WriteHistory(6);
        var segment = WalFiles.Single(source);
        var original = File.ReadAllBytes(segment);
        var offsets = WalFiles.RecordOffsets(segment);
        WalFiles.XorByte(segment, offsets[2] + WalFormat.RecordHeaderSize + 1, 0xFF);
        var damaged = File.ReadAllBytes(segment);

        Assert.Throws<EdgeCorruptionException>(() => EdgeStore.Open(source));
        Assert.Equal(damaged, File.ReadAllBytes(segment)); // the default mode changed nothing

        using (var store = EdgeStore.Open(source, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.PointInTimeRecovery }))
        {
            Assert.Equal(Prefix(2), Dump(store.Scan([], [])));
            store.Put(Of("new"), Of("history"));
            Assert.Equal(3ul, store.LastSequence);
        }

        var lost = Directory.GetFiles(Path.Combine(source, "lost"), "*.wal", SearchOption.AllDirectories);
        Assert.Equal(damaged, File.ReadAllBytes(Assert.Single(lost)));
        Assert.NotEqual(original, damaged);

        using var reopened = EdgeStore.Open(source);
        Assert.Equal([.. Prefix(2), ("new", "history")], Dump(reopened.Scan([], [])));
    }

    private static void RewriteHeader(string segment, long offset, uint payloadLength)
    {
        var bytes = File.ReadAllBytes(segment);
        var header = bytes.AsSpan((int)offset, WalFormat.RecordHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32C.Compute(header[4..]));
        File.WriteAllBytes(segment, bytes);
    }

    /// <summary>Appends a record whose header CRC is valid, whatever length it claims.</summary>
    private static void AppendForgedRecord(string segment, uint claimedLength, ulong firstSequence, byte[] payload)
    {
        var header = new byte[WalFormat.RecordHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), claimedLength);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), Crc32C.Compute(payload));
        header[20] = WalFormat.BatchRecordType;
        BinaryPrimitives.WriteUInt32LittleEndian(header, Crc32C.Compute(header.AsSpan(4)));
        using var file = new FileStream(segment, FileMode.Append);
        file.Write(header);
        file.Write(payload);
    }
}
