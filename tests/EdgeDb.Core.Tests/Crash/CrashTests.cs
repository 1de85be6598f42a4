using System.Buffers.Binary;
using System.Diagnostics;
using EdgeDb.TestHost;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Crash;

/// <summary>
/// A writer process is killed with SIGKILL at a random moment, again and again on the same store. After each
/// kill the store must hold exactly the state after some prefix of the history (no batch torn, reordered or
/// resurrected) and, where the durability level promises it, every write the writer saw acknowledged.
/// CI runs a few cycles; <c>tools/crash-loop.sh</c> runs as many as you like (EDGEDB_CRASH_CYCLES).
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static int Cycles(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("EDGEDB_CRASH_CYCLES"), out var cycles) && cycles > 0 ? cycles : ciDefault;

    [Theory]
    [InlineData(Durability.Flushed, 12, false)]
    [InlineData(Durability.Synced, 4, false)]
    [InlineData(Durability.Buffered, 4, false)]
    [InlineData(Durability.Flushed, 12, true)]
    public void Killed_writers_lose_no_acknowledged_write_and_leave_a_prefix(Durability durability, int ciCycles, bool smallMemTable)
    {
        // With a 64 KiB MemTable the kill lands during flushes and compactions as often as during appends.
        var seed = 1000 + (int)durability + (smallMemTable ? 10 : 0);
        var mode = smallMemTable ? "write-small" : "write";
        var random = new Random(seed);
        var cycles = Cycles(ciCycles);
        long previousLast = -1;

        // The model advances with the history, so a check costs only the batches written since the last one.
        var expected = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var acknowledged = RunAndKill(mode, seed, durability, TimeSpan.FromMilliseconds(random.Next(5, 150)));

            using var store = EdgeStore.Open(_dir.Path);
            var last = store.TryGet(CrashHistory.LastKey, out var marker) ? BinaryPrimitives.ReadInt64LittleEndian(marker) : -1;

            if (durability != Durability.Buffered)
            {
                Assert.True(last >= acknowledged, $"cycle {cycle}: batch {acknowledged} was acknowledged but the store ends at {last}");
            }

            Assert.True(last >= previousLast, $"cycle {cycle}: the history went back from {previousLast} to {last}");
            CrashHistory.Advance(expected, seed, previousLast, last);
            var actual = store.Scan([], []).Select(e => (Convert.ToHexString(e.Key.Span), Convert.ToHexString(e.Value.Span))).ToList();
            Assert.True(
                expected.Select(e => (Convert.ToHexString(e.Key), Convert.ToHexString(e.Value))).SequenceEqual(actual),
                $"cycle {cycle}: the store is not the state after batch {last}");
            previousLast = last;

            // The reopened store may compact what the writer left; compare disk and manifest once it is idle.
            store.WaitForBackgroundWork();
            AssertNoTableLeakedOrLost();
        }

        Assert.True(previousLast > 0, "the writer never got a batch in");
    }

    /// <summary>Starts the writer, kills it <paramref name="after"/> its first acknowledgement, returns the last batch it acknowledged.</summary>
    private void AssertNoTableLeakedOrLost()
    {
        // The open above removed unlisted tables; every table on disk must now be in the manifest and vice versa.
        var listed = Manifests.Read(_dir.Path).Tables.Select(t => EdgeDb.Storage.StoreFileNames.Table(t.FileNumber)).Order();
        Assert.Equal(listed, Directory.GetFiles(_dir.Path, "*.sst").Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Killed_transaction_committers_lose_no_acknowledged_commit_and_never_leave_half_of_one()
    {
        var random = new Random(77);
        long logged = 0;
        for (var cycle = 0; cycle < Cycles(8); cycle++)
        {
            var acknowledged = RunAndKill("transfer", 77, Durability.Flushed, TimeSpan.FromMilliseconds(random.Next(5, 200)));

            using var store = EdgeStore.Open(_dir.Path);
            var balances = Enumerable.Range(0, TransferModel.Accounts)
                .Select(a => store.TryGet(TransferModel.Account(a), out var b) ? TransferModel.Read(b) : throw new Xunit.Sdk.XunitException($"account {a} is missing"))
                .ToArray();
            Assert.Equal(TransferModel.Accounts * TransferModel.Initial, balances.Sum());

            // The log is a prefix (0..n-1, no gaps), holds every acknowledged transfer, and replays to the balances:
            // each transfer's three writes are there together or not at all.
            var replayed = Enumerable.Repeat(TransferModel.Initial, TransferModel.Accounts).ToArray();
            long count = 0;
            foreach (var entry in store.ScanPrefix("log/"u8))
            {
                Assert.Equal(TransferModel.Log(count), entry.Key.ToArray());
                var parts = System.Text.Encoding.UTF8.GetString(entry.Value.Span).Split(' ').Select(int.Parse).ToArray();
                replayed[parts[0]] -= parts[2];
                replayed[parts[1]] += parts[2];
                count++;
            }

            Assert.True(count > acknowledged, $"cycle {cycle}: transfer {acknowledged} was acknowledged but the log ends at {count - 1}");
            Assert.True(count >= logged, $"cycle {cycle}: the log went back from {logged} to {count}");
            Assert.Equal(replayed, balances);
            logged = count;
        }
    }

    private long RunAndKill(string mode, int seed, Durability durability, TimeSpan after)
    {
        using var writer = ChildProcess.Start(mode, _dir.Path, seed.ToString(System.Globalization.CultureInfo.InvariantCulture), durability.ToString());
        long lastAck = -1;
        using var firstAck = new ManualResetEventSlim();

        // A dedicated thread, not the thread pool or the test framework's context, so that nothing delays
        // noticing the first acknowledgement. Lines written before the kill stay in the pipe and are read
        // after it: each one was acknowledged.
        var reader = new Thread(() =>
        {
            while (writer.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(4), out var index))
                {
                    Volatile.Write(ref lastAck, index);
                    firstAck.Set();
                }
            }
        })
        { IsBackground = true };
        reader.Start();

        if (!firstAck.Wait(TimeSpan.FromSeconds(60)))
        {
            writer.Kill();
            Assert.Fail("the writer did not start writing: " + writer.StandardError.ReadToEnd());
        }

        Thread.Sleep(after);
        writer.Kill(); // SIGKILL on Unix: no finally block, no Dispose, no flush
        writer.WaitForExit();
        reader.Join();
        Assert.NotEqual(0, writer.ExitCode);
        return Volatile.Read(ref lastAck);
    }
}
