using System.Buffers.Binary;
using EdgeDb.Storage;
using EdgeDb.Tests.Support;
using EdgeDb.Wal;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Wal;

/// <summary>
/// Under <see cref="Durability.Synced"/> the WAL keeps its segment zero-filled ahead of the records
/// (docs/wal-format.md, "Writing"); the zeros must never be read as records or as damage.
/// </summary>
public sealed class WalPreallocationTests : IDisposable
{
    private const int Step = WalFormat.PreallocationStep;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_synced_segment_is_zero_filled_a_step_ahead_and_reopens_to_exactly_its_records()
    {
        var segment = "";
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced }))
        {
            for (var i = 0; i < 10; i++)
            {
                store.Put(Of($"k{i}"), Of($"v{i}"));
            }

            segment = WalFiles.Single(_dir.Path);
            Assert.Equal(Step, new FileInfo(segment).Length);
            Assert.Equal(10, WalFiles.RecordOffsets(segment).Count);
        }

        // A clean close cuts the zeros; the log ends at its last record.
        var recordsEnd = new FileInfo(segment).Length;
        Assert.Equal(10, WalFiles.RecordOffsets(segment).Count);
        WalFiles.AppendZeros(segment, Step - (int)recordsEnd);

        // Every recovery mode, the strictest included, reads the zero tail as the end of the log.
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced, RecoveryMode = WalRecoveryMode.AbsoluteConsistency }))
        {
            Assert.Equal(10, store.Scan([], []).Count());
            Assert.Equal(10ul, store.LastSequence);
            store.Put(Of("k10"), Of("v10"));

            // The write after the reopen went over the zeros right after the last record; the file did not grow.
            Assert.Equal(Step, new FileInfo(segment).Length);
            Assert.Equal(11, WalFiles.RecordOffsets(segment).Count);
            Assert.Equal(recordsEnd, WalFiles.RecordOffsets(segment)[^1]);
        }

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.True(reopened.TryGet(Of("k10"), out var value));
        Assert.Equal(Of("v10"), value);
    }

    [Fact]
    public void Records_past_a_step_extend_the_zeroed_region_by_whole_steps()
    {
        var value = new byte[64 * 1024];
        new Random(5).NextBytes(value);
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced }))
        {
            // 20 x 64 KiB: past the first 1 MiB step, inside the second.
            for (var i = 0; i < 20; i++)
            {
                store.Put(Of($"k{i:D2}"), value);
            }

            var segment = WalFiles.Single(_dir.Path);
            Assert.Equal(2 * Step, new FileInfo(segment).Length);
            Assert.Equal(20, WalFiles.RecordOffsets(segment).Count);
        }

        using var reopened = EdgeStore.Open(_dir.Path);
        Assert.Equal(20, reopened.Scan([], []).Count());
        Assert.All(reopened.Scan([], []), entry => Assert.Equal(value, entry.Value.ToArray()));
    }

    [Theory]
    [InlineData(Durability.Flushed)]
    [InlineData(Durability.Buffered)]
    public void Levels_that_do_not_sync_per_write_preallocate_only_to_write_through_a_memory_map(Durability durability)
    {
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = durability }))
        {
            store.Put(Of("a"), Of("1"));
            store.Put(Of("b"), Of("2"));
            if (durability == Durability.Buffered)
            {
                store.Sync();
            }

            var segment = WalFiles.Single(_dir.Path);
            var bytes = File.ReadAllBytes(segment);
            var offsets = WalFiles.RecordOffsets(segment);
            Assert.Equal(2, offsets.Count);
            var recordsEnd = offsets[1] + WalFormat.RecordHeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offsets[1] + 4));
            Assert.Equal(MappedWriteWindow.IsSupported ? Step : recordsEnd, bytes.Length);
        }

        using var reopened = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { RecoveryMode = WalRecoveryMode.AbsoluteConsistency });
        Assert.Equal([("a", "1"), ("b", "2")], reopened.Scan([], []).Select(e => (Text(e.Key), Text(e.Value))));
    }

    [Fact]
    public void A_torn_record_inside_the_zeroed_region_is_cut_and_the_zeros_after_it_do_not_hide_it()
    {
        using (var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { Durability = Durability.Synced }))
        {
            for (var i = 0; i < 5; i++)
            {
                store.Put(Of($"k{i}"), Of($"value-{i}"));
            }
        }

        File.Delete(Path.Combine(_dir.Path, "LOCK"));
        var segment = WalFiles.Single(_dir.Path);
        var offsets = WalFiles.RecordOffsets(segment);
        WalFiles.AppendZeros(segment, Step - (int)new FileInfo(segment).Length);

        // The last record's payload is half written: its header is there, the rest is still preallocated zeros.
        var bytes = File.ReadAllBytes(segment);
        bytes.AsSpan((int)offsets[4] + WalFormat.RecordHeaderSize + 4).Clear();
        File.WriteAllBytes(segment, bytes);

        using (var store = EdgeStore.Open(_dir.Path))
        {
            Assert.Equal(4, store.Scan([], []).Count());
            Assert.Equal(4ul, store.LastSequence);
        }

        // A torn record is cut (truncated), unlike a clean zero tail.
        Assert.Equal(offsets[4], new FileInfo(segment).Length);
    }
}
