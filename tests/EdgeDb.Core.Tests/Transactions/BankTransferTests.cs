using System.Buffers.Binary;
using System.Text;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Transactions;

/// <summary>
/// The bank model: eight threads move money between accounts in transactions, retrying on conflict, and log every
/// transfer in the same transaction; a reader checks in snapshots that the total never changes. A lost update,
/// a write skew, a half-written commit or a conflict missed would break the total or the log.
/// </summary>
public sealed class BankTransferTests
{
    private const int Accounts = 16;
    private const long Initial = 1_000;

    [Theory]
    [InlineData(Durability.Flushed, 64 * 1024)]       // small MemTable: flushes and compactions under the transfers
    [InlineData(Durability.Synced, 8L * 1024 * 1024)] // shared fsyncs: transactions meet in commit groups
    public async Task Concurrent_transfers_keep_the_total_and_agree_with_their_log(Durability durability, long memTable)
    {
        using var dir = new TempDirectory();
        using var store = EdgeStore.Open(dir.Path, new EdgeStoreOptions { Durability = durability, MemTableSizeBytes = memTable });
        for (var a = 0; a < Accounts; a++)
        {
            store.Put(Account(a), Amount(Initial));
        }

        const int Threads = 8;
        var transfersPerThread = durability == Durability.Synced ? 60 : 250;
        long conflicts = 0;
        long snapshotsChecked = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var snapshot = store.GetSnapshot();
                Assert.Equal(Accounts * Initial, snapshot.ScanPrefix("account/"u8).Sum(e => Read(e.Value.Span)));
                Interlocked.Increment(ref snapshotsChecked);
            }
        }, TestContext.Current.CancellationToken);

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var random = new Random(thread);
            for (var i = 0; i < transfersPerThread; i++)
            {
                var from = random.Next(Accounts);
                var to = (from + 1 + random.Next(Accounts - 1)) % Accounts;
                var amount = 1 + random.Next(50);
                while (true)
                {
                    using var tx = store.BeginTransaction();
                    Assert.True(tx.TryGet(Account(from), out var fromBalance));
                    Assert.True(tx.TryGet(Account(to), out var toBalance));
                    tx.Put(Account(from), Amount(Read(fromBalance) - amount));
                    tx.Put(Account(to), Amount(Read(toBalance) + amount));
                    tx.Put(Encoding.UTF8.GetBytes($"log/{thread}/{i:D5}"), Encoding.UTF8.GetBytes($"{from} {to} {amount}"));
                    try
                    {
                        tx.Commit();
                        break;
                    }
                    catch (EdgeTransactionConflictException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        });

        await stop.CancelAsync();
        await reader;

        // The log replays to the balances: every transfer committed exactly once, none half.
        var expected = Enumerable.Repeat(Initial, Accounts).ToArray();
        var logged = 0;
        foreach (var entry in store.ScanPrefix("log/"u8))
        {
            var parts = Encoding.UTF8.GetString(entry.Value.Span).Split(' ').Select(int.Parse).ToArray();
            expected[parts[0]] -= parts[2];
            expected[parts[1]] += parts[2];
            logged++;
        }

        Assert.Equal(Threads * transfersPerThread, logged);
        for (var a = 0; a < Accounts; a++)
        {
            Assert.True(store.TryGet(Account(a), out var balance));
            Assert.Equal(expected[a], Read(balance));
        }

        Assert.True(conflicts > 0, "eight threads over sixteen accounts must conflict now and then; none did, so validation is not exercised");
        Assert.True(snapshotsChecked > 0);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{durability}: {logged} transfers, {conflicts} conflicts ({100.0 * conflicts / (logged + conflicts):F1}% of commits), {snapshotsChecked} snapshots checked");
    }

    private static byte[] Account(int number) => Encoding.UTF8.GetBytes($"account/{number:D2}");

    private static byte[] Amount(long amount)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, amount);
        return bytes;
    }

    private static long Read(ReadOnlySpan<byte> amount) => BinaryPrimitives.ReadInt64LittleEndian(amount);
}
