using System.Diagnostics;
using EdgeDb.TypedHost;
using EdgeDb.TypedHost.Model;
using MemoryPack;

namespace EdgeDb.Typed.Tests.Transactions;

/// <summary>
/// The index checker (EdgeDb.TypedHost's Consistency): every index compared with a full scan, and every member with
/// the badge committed beside it, after random typed operations, across reopens, and after kill -9.
/// </summary>
public sealed class IndexConsistencyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Indexes_match_a_full_scan_after_random_typed_operations_and_reopens()
    {
        var options = new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024 };
        var totals = (committed: 0, refused: 0, rolledBack: 0, plain: 0);
        for (var session = 0; session < 4; session++)
        {
            using var store = EdgeStore.Open(_directory.Path, options);
            Assert.Empty(Consistency.Problems(store));
            var churn = new Churn(store, seed: session);
            for (var step = 1; step <= 1000; step++)
            {
                churn.Step();
                if (step % 250 == 0)
                {
                    Assert.Empty(Consistency.Problems(store));
                }
            }

            totals = (totals.committed + churn.Committed, totals.refused + churn.UniqueRefusals, totals.rolledBack + churn.RolledBack, totals.plain + churn.PlainPuts);
        }

        // Every path ran often enough to matter.
        Assert.True(totals.committed > 1000, $"{totals.committed} commits");
        Assert.True(totals.refused > 100, $"{totals.refused} unique refusals");
        Assert.True(totals.rolledBack > 100, $"{totals.rolledBack} rollbacks");
        Assert.True(totals.plain > 100, $"{totals.plain} plain puts");
    }

    [Fact]
    public void The_checker_reports_an_entity_written_around_its_indexes_and_a_torn_pair()
    {
        using var store = EdgeStore.Open(_directory.Path);
        var members = new MemberRepository(store);
        members.Put(new Member(1, "a@example.com", "red", 0));
        new BadgeRepository(store).Put(new Badge(1, 2, 0));
        Assert.Empty(Consistency.Problems(store));

        // The raw workaround the typed layer replaces: the entity moves, its index entries do not.
        var moved = new Member(1, "b@example.com", "red", 1);
        store.Put(MemberKey.Of(moved).ToArray(), MemoryPackSerializer.Serialize(moved));

        var problems = Consistency.Problems(store);
        Assert.Contains(problems, p => p.Contains("GetByEmail(b@example.com)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("generation 1 but its badge at 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Indexes_and_transactions_are_whole_after_kill_9_of_a_child_writing_them()
    {
        long acknowledged = 0;
        for (var round = 0; round < 4; round++)
        {
            using (var child = StartChild("churn", _directory.Path, round.ToString()))
            {
                acknowledged = WaitForAcks(child, acknowledged + 150 + (round * 97));
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }

            using var store = EdgeStore.Open(_directory.Path);
            Assert.Empty(Consistency.Problems(store));
            var recovered = Churn.ReadProgress(store);
            Assert.True(recovered >= acknowledged, $"round {round}: commit {acknowledged} was acknowledged but the store holds {recovered}");
            acknowledged = recovered;
        }
    }

    [Fact]
    public void An_index_build_killed_midway_completes_correctly_on_the_next_construction()
    {
        const int parcels = 60_000;
        using (var fill = StartChild("fill-parcels", _directory.Path, parcels.ToString()))
        {
            Assert.True(fill.WaitForExit(60_000), "the fill did not finish");
            Assert.Equal(0, fill.ExitCode);
        }

        using (var build = StartChild("index-parcels", _directory.Path))
        {
            // Killed once a few batches are in, long before the 60 batches are.
            string? line;
            do
            {
                line = build.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The child exited: " + build.StandardError.ReadToEnd());
                Assert.NotEqual("indexed", line);
            }
            while (!line.Contains("3000 entities indexed so far", StringComparison.Ordinal));

            build.Kill(entireProcessTree: true);
            build.WaitForExit();
        }

        using var store = EdgeStore.Open(_directory.Path);
        var indexPrefix = EdgeDb.Internal.Keyspace.IndexPrefix("parcels", "Zone");
        Assert.True(store.TryGet([0x00, (byte)'b', .. indexPrefix], out _), "the kill came after the build finished: no progress record left");
        var partial = store.ScanPrefix(indexPrefix).Count();
        Assert.InRange(partial, 3000, parcels - 1);

        var zoned = new ZonedParcelRepository(store);
        Assert.Equal(parcels, store.ScanPrefix(indexPrefix).Count());
        for (var zone = 0; zone < 7; zone++)
        {
            var found = zoned.FindByZone("zone-" + zone).Select(p => p.Id).ToList();
            Assert.Equal(Enumerable.Range(0, parcels).Where(id => id % 7 == zone), found);
        }
    }

    private static long WaitForAcks(Process child, long target)
    {
        var last = 0L;
        var deadline = Stopwatch.StartNew();
        while (last < target)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"the child acknowledged only {last} of {target}");
            var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The child exited: " + child.StandardError.ReadToEnd());
            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                last = long.Parse(line.AsSpan(4));
            }
        }

        return last;
    }

    private static Process StartChild(params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "EdgeDb.TypedHost.dll");
        Assert.True(File.Exists(hostDll), $"The typed test host was not built next to the tests: {hostDll}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the typed test host.");
    }
}
