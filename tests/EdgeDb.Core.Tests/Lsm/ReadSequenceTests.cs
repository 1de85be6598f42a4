using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Lsm;

/// <summary>
/// A read's sequence number must describe what it sees, also when the MemTable it holds was frozen in the
/// instant between taking the read state and reading the sequence number (found in review).
/// </summary>
public sealed class ReadSequenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_snapshot_reads_exactly_the_write_its_sequence_number_names()
    {
        // One writer puts "k" = its own sequence number through a 4 KiB MemTable (a freeze every few dozen writes).
        using var store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 4096, Durability = Durability.Buffered });
        var stop = 0;
        var writer = new Thread(() =>
        {
            for (ulong i = 1; Volatile.Read(ref stop) == 0; i++)
            {
                store.Put(Of("k"), BitConverter.GetBytes(i));
            }
        });
        writer.Start();

        long checks = 0;
        var mismatches = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(3);
        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            while (DateTime.UtcNow < deadline)
            {
                using var snapshot = store.GetSnapshot();
                if (snapshot.Sequence == 0)
                {
                    continue;
                }

                Assert.True(snapshot.TryGet(Of("k"), out var value));
                var seen = BitConverter.ToUInt64(value);
                Interlocked.Increment(ref checks);
                if (seen != snapshot.Sequence)
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"snapshot.Sequence={snapshot.Sequence} reads k={seen}");
                    }
                }
            }
        })).ToList();
        readers.ForEach(t => t.Start());
        readers.ForEach(t => t.Join());
        Volatile.Write(ref stop, 1);
        writer.Join();

        Assert.True(checks > 1000, $"only {checks} checks ran");
        Assert.Empty(mismatches);
    }

    [Fact]
    public void A_failed_segment_rotation_does_not_fail_the_write_already_made_durable()
    {
        var options = new EdgeStoreOptions { Durability = Durability.Synced, WalSegmentSizeBytes = 4096 };
        var blocker = _dir.Combine("00000002.wal.tmp");
        using (var store = EdgeStore.Open(_dir.Path, options))
        {
            store.Put(Of("a"), [1]);

            // A directory where the next segment's temporary file must go makes its creation fail, as a full or
            // read-only disk would.
            Directory.CreateDirectory(blocker);
            store.Put(Of("b"), new byte[5000]); // written and fsynced: acknowledged, whatever rotation does after
            Assert.True(store.TryGet(Of("b"), out _));

            // The rotation failure stops the store from writing further.
            Assert.Throws<EdgeStoreFailedException>(() => store.Put(Of("c"), [3]));
            Directory.Delete(blocker);
        }

        using var reopened = EdgeStore.Open(_dir.Path, options);
        Assert.True(reopened.TryGet(Of("b"), out _));
        Assert.False(reopened.TryGet(Of("c"), out _));
        Assert.Equal(2ul, reopened.LastSequence);
    }
}
