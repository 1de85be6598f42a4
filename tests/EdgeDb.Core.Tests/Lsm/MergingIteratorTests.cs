using EdgeDb.Lsm;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Lsm;

public sealed class MergingIteratorTests
{
    [Fact]
    public void Sources_merge_in_internal_order_newest_version_of_a_key_first()
    {
        using var merged = new MergingIterator([
            new ListIterator(("b", 5), ("d", 1)),
            new ListIterator(("a", 3), ("b", 9), ("e", 2)),
            new ListIterator(("b", 1), ("c", 4)),
        ]);

        merged.SeekToFirst();

        Assert.Equal(["a@3", "b@9", "b@5", "b@1", "c@4", "d@1", "e@2"], Drain.All(merged));
    }

    [Fact]
    public void Seek_positions_every_source_at_or_after_the_internal_key()
    {
        using var merged = new MergingIterator([
            new ListIterator(("b", 5), ("d", 1)),
            new ListIterator(("b", 9), ("b", 2), ("c", 1)),
        ]);

        merged.Seek(Bytes.Of("b"), 5);
        Assert.Equal(["b@5", "b@2", "c@1", "d@1"], Drain.All(merged));

        merged.Seek(Bytes.Of("bb"), ulong.MaxValue);
        Assert.Equal(["c@1", "d@1"], Drain.All(merged));

        merged.Seek(Bytes.Of("z"), ulong.MaxValue);
        Assert.False(merged.Valid);
    }

    [Fact]
    public void Empty_and_exhausted_sources_are_no_trouble()
    {
        using var merged = new MergingIterator([new ListIterator(), new ListIterator(("a", 1)), new ListIterator()]);

        merged.SeekToFirst();
        Assert.Equal(["a@1"], Drain.All(merged));

        using var none = new MergingIterator([]);
        none.SeekToFirst();
        Assert.False(none.Valid);
    }

    [Fact]
    public void Disposing_the_merge_disposes_every_source()
    {
        var sources = new[] { new ListIterator(("a", 1)), new ListIterator(("b", 1)) };
        var merged = new MergingIterator(sources);
        merged.SeekToFirst();

        merged.Dispose();

        Assert.All(sources, s => Assert.True(s.Disposed));
    }
}
