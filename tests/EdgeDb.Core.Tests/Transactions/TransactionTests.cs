using EdgeDb.Tests.Support;
using static EdgeDb.Tests.Support.Bytes;

namespace EdgeDb.Tests.Transactions;

/// <summary>Read-your-writes, isolation, and every kind of conflict the commit must catch (docs/transactions.md).</summary>
public sealed class TransactionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EdgeStore _store;

    public TransactionTests()
    {
        _store = EdgeStore.Open(_dir.Path, new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024 });
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void A_transaction_reads_its_own_writes_and_its_scans_merge_them_with_the_snapshot()
    {
        _store.Put(Of("a/1"), Of("one"));
        _store.Put(Of("a/3"), Of("three"));
        _store.Put(Of("a/5"), Of("five"));
        using var tx = _store.BeginTransaction();

        tx.Put(Of("a/2"), Of("two"));
        tx.Put(Of("a/3"), Of("THREE"));
        tx.Delete(Of("a/5"));
        tx.Put(Of("a/6"), Of("six"));
        tx.Put(Of("a/6"), Of("SIX"));

        Assert.True(tx.TryGet(Of("a/3"), out var three));
        Assert.Equal("THREE", Text(three));
        Assert.False(tx.ContainsKey(Of("a/5")));
        Assert.Equal(["a/1=one", "a/2=two", "a/3=THREE", "a/6=SIX"], tx.ScanPrefix(Of("a/")).Select(e => $"{Text(e.Key)}={Text(e.Value)}"));
        Assert.Equal(["a/2", "a/3"], tx.Scan(Of("a/2"), Of("a/4")).Select(e => Text(e.Key)));
        Assert.Equal(4, tx.WriteCount);

        // Nothing is visible outside until the commit.
        Assert.False(_store.ContainsKey(Of("a/2")));
        tx.Commit();
        Assert.Equal(["a/1=one", "a/2=two", "a/3=THREE", "a/6=SIX"], _store.ScanPrefix(Of("a/")).Select(e => $"{Text(e.Key)}={Text(e.Value)}"));
    }

    [Fact]
    public void A_transaction_reads_its_snapshot_whatever_is_committed_meanwhile()
    {
        _store.Put(Of("k"), Of("before"));
        using var tx = _store.BeginTransaction();
        _store.Put(Of("k"), Of("after"));
        _store.Put(Of("new"), Of("x"));

        Assert.True(tx.TryGet(Of("k"), out var value));
        Assert.Equal("before", Text(value));
        Assert.False(tx.ContainsKey(Of("new")));
        Assert.Equal(["k"], tx.Scan([], []).Select(e => Text(e.Key)));
    }

    [Fact]
    public void A_key_the_transaction_wrote_and_someone_committed_meanwhile_is_a_conflict_and_nothing_is_written()
    {
        using var tx = _store.BeginTransaction();
        tx.Put(Of("k"), Of("mine"));
        tx.Put(Of("other"), Of("mine too"));
        _store.Put(Of("k"), Of("theirs"));

        var error = Assert.Throws<EdgeTransactionConflictException>(tx.Commit);

        Assert.Equal(Of("k"), error.Key);
        Assert.True(_store.TryGet(Of("k"), out var value));
        Assert.Equal("theirs", Text(value));
        Assert.False(_store.ContainsKey(Of("other")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_key_the_transaction_read_and_someone_changed_meanwhile_is_a_conflict(bool presentAtSnapshot)
    {
        if (presentAtSnapshot)
        {
            _store.Put(Of("balance"), Of("10"));
        }

        using var tx = _store.BeginTransaction();
        _ = tx.TryGet(Of("balance"), out _);
        tx.Put(Of("audit"), Of("read the balance"));
        if (presentAtSnapshot)
        {
            _store.Delete(Of("balance"));
        }
        else
        {
            _store.Put(Of("balance"), Of("5"));
        }

        Assert.Throws<EdgeTransactionConflictException>(tx.Commit);
        Assert.False(_store.ContainsKey(Of("audit")));
    }

    [Fact]
    public void Commits_of_other_keys_are_no_conflict()
    {
        _store.Put(Of("a"), Of("1"));
        using var tx = _store.BeginTransaction();
        _ = tx.TryGet(Of("a"), out _);
        tx.Put(Of("b"), Of("2"));
        _store.Put(Of("c"), Of("3"));
        _store.Put(Of("a0"), Of("near but not equal"));

        tx.Commit();

        Assert.True(_store.ContainsKey(Of("b")));
    }

    [Fact]
    public void A_conflicting_write_is_found_after_it_was_flushed_to_a_table()
    {
        using var tx = _store.BeginTransaction();
        _ = tx.TryGet(Of("k"), out _);
        tx.Put(Of("x"), Of("1"));
        _store.Put(Of("k"), Of("theirs"));
        _store.Flush();

        Assert.Throws<EdgeTransactionConflictException>(tx.Commit);
    }

    [Fact]
    public void A_key_inserted_into_a_scanned_range_is_a_conflict_and_one_outside_it_is_not()
    {
        _store.Put(Of("order/1"), Of("open"));
        using (var tx = _store.BeginTransaction())
        {
            var open = tx.ScanPrefix(Of("order/")).Count();
            tx.Put(Of("summary"), Of($"{open} open"));
            _store.Put(Of("orders"), Of("outside the prefix"));
            _store.Put(Of("ordeq"), Of("also outside"));
            tx.Commit();
        }

        using (var tx = _store.BeginTransaction())
        {
            var open = tx.ScanPrefix(Of("order/")).Count();
            tx.Put(Of("summary"), Of($"{open} open"));
            _store.Put(Of("order/2"), Of("open"));
            Assert.Throws<EdgeTransactionConflictException>(tx.Commit);
        }
    }

    [Fact]
    public void A_deletion_inside_a_scanned_range_is_a_conflict()
    {
        _store.Put(Of("r/1"), Of("x"));
        _store.Put(Of("r/2"), Of("x"));
        _store.Flush();
        using var tx = _store.BeginTransaction();
        Assert.Equal(2, tx.Scan(Of("r/"), Of("r0")).Count());
        tx.Put(Of("count"), Of("2"));
        _store.Delete(Of("r/2"));

        Assert.Throws<EdgeTransactionConflictException>(tx.Commit);
    }

    [Fact]
    public void A_read_only_transaction_commits_without_validation_and_writes_nothing()
    {
        using var tx = _store.BeginTransaction();
        _ = tx.TryGet(Of("k"), out _);
        _store.Put(Of("k"), Of("changed"));
        var before = _store.LastSequence;

        tx.Commit();

        Assert.Equal(before, _store.LastSequence);
    }

    [Fact]
    public void Dispose_without_commit_rolls_back()
    {
        using (var tx = _store.BeginTransaction())
        {
            tx.Put(Of("k"), Of("never"));
        }

        Assert.False(_store.ContainsKey(Of("k")));
    }

    [Fact]
    public void A_finished_transaction_refuses_more_work()
    {
        var tx = _store.BeginTransaction();
        tx.Put(Of("k"), Of("v"));
        tx.Commit();

        Assert.Throws<InvalidOperationException>(() => tx.Put(Of("k"), Of("again")));
        Assert.Throws<InvalidOperationException>(tx.Commit);
        tx.Dispose();
        Assert.Throws<ObjectDisposedException>(() => tx.TryGet(Of("k"), out _));
    }

    [Fact]
    public void Keys_and_values_are_checked_against_the_store_limits_when_staged()
    {
        using var store = EdgeStore.Open(_dir.Combine("small"), new EdgeStoreOptions { MaxKeySize = 4, MaxValueSize = 8 });
        using var tx = store.BeginTransaction();

        Assert.Throws<ArgumentException>(() => tx.Put(Of("12345"), Of("v")));
        Assert.Throws<ArgumentException>(() => tx.Put(Of("k"), new byte[9]));
        Assert.Throws<ArgumentException>(() => tx.Delete([]));
        Assert.Equal(0, tx.WriteCount);
    }

    [Fact]
    public async Task CommitAsync_commits_and_a_cancelled_one_writes_nothing()
    {
        using (var tx = _store.BeginTransaction())
        {
            tx.Put(Of("async"), Of("1"));
            await tx.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(_store.ContainsKey(Of("async")));
        using (var tx = _store.BeginTransaction())
        {
            tx.Put(Of("cancelled"), Of("1"));
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await tx.CommitAsync(cancelled.Token));
        }

        Assert.False(_store.ContainsKey(Of("cancelled")));
    }

    [Fact]
    public void One_commit_is_one_WAL_record_whatever_the_transaction_wrote()
    {
        using var tx = _store.BeginTransaction();
        for (var i = 0; i < 100; i++)
        {
            tx.Put(Of($"k{i:D3}"), Of("v"));
        }

        var groupsBefore = _store.WriteGroupCount;
        var sequenceBefore = _store.LastSequence;
        tx.Commit();

        Assert.Equal(groupsBefore + 1, _store.WriteGroupCount);
        Assert.Equal(sequenceBefore + 100, _store.LastSequence);
    }
}
