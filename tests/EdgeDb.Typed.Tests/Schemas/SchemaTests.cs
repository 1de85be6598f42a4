using EdgeDb.Internal;
using EdgeDb.Typed.Tests.Model;
using MemoryPack;

namespace EdgeDb.Typed.Tests.Schemas;

/// <summary>A collection's model changing across releases of an app (docs/key-encoding.md, "Schemas").</summary>
public sealed class SchemaTests : IDisposable
{
    private const int Notes = 2500;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_index_added_while_entities_are_stored_is_built_before_the_constructor_returns()
    {
        StoreReleaseOneNotes();

        using var store = EdgeStore.Open(_directory.Path);
        var notes = new NoteV2Repository(store);

        Assert.Equal(Notes / 5, notes.FindByTopic("topic-3").Count());
        Assert.Equal(1234, notes.GetByAuthor("author-1234").Id);
        Assert.Equal(Notes, IndexEntries(store, "Topic"));
        Assert.Equal(Notes, IndexEntries(store, "Author"));
        Assert.Empty(store.ScanPrefix([0x00, (byte)'b']));
    }

    [Fact]
    public void A_removed_index_has_its_entries_deleted_and_the_remaining_one_is_kept()
    {
        StoreReleaseOneNotes();
        using (var store = EdgeStore.Open(_directory.Path))
        {
            _ = new NoteV2Repository(store);
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            var notes = new NoteV3Repository(store);
            Assert.Equal(0, IndexEntries(store, "Author"));
            Assert.Equal(Notes, IndexEntries(store, "Topic"));
            Assert.Equal(Notes / 5, notes.FindByTopic("topic-0").Count());
        }
    }

    [Fact]
    public void A_retyped_key_is_refused_before_anything_is_read_or_written()
    {
        StoreReleaseOneNotes();

        using var store = EdgeStore.Open(_directory.Path);
        var before = store.ScanPrefix(NoteV1Key.Prefix).Count();
        var error = Assert.Throws<EdgeSchemaMismatchException>(() => new NoteWithLongKeyRepository(store));

        Assert.Equal("notes", error.Collection);
        Assert.Equal("Id:Int32", error.Stored);
        Assert.Equal("Id:Int64", error.Current);
        Assert.Contains("key layout of collection 'notes' changed", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, store.ScanPrefix(NoteV1Key.Prefix).Count());
        _ = new NoteV1Repository(store);
    }

    [Fact]
    public void A_store_from_before_schemas_gets_every_index_rebuilt()
    {
        // Entities written around the repositories, as a store of an earlier EdgeDb holds them: no schema record.
        using (var store = EdgeStore.Open(_directory.Path))
        {
            for (var id = 0; id < 100; id++)
            {
                var note = new NoteV2(id, "topic-" + (id % 5), "author-" + id);
                store.Put(NoteV2Key.Of(note).ToArray(), MemoryPackSerializer.Serialize(note));
            }
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            var notes = new NoteV2Repository(store);
            Assert.Equal(20, notes.FindByTopic("topic-4").Count());
            Assert.Equal(100, IndexEntries(store, "Author"));
        }
    }

    [Fact]
    public void An_interrupted_build_continues_after_its_progress_record_and_ends_complete()
    {
        StoreReleaseOneNotes();
        using (var store = EdgeStore.Open(_directory.Path))
        {
            _ = new NoteV2Repository(store);

            // What a kill after the first batch of the Topic build leaves: entries for the first 1,000 notes, the
            // progress record at the 1,000th, and the old schema record (release 1 had no index).
            var first = store.ScanPrefix(NoteV1Key.Prefix).Take(1000).Last().Key.ToArray();
            var topicPrefix = Keyspace.IndexPrefix("notes", "Topic");
            var batch = new WriteBatch();
            foreach (var entry in store.ScanPrefix(topicPrefix).ToList())
            {
                var id = NoteV2Key.Decode([.. NoteV2Key.Prefix, .. entry.Key.Span[^4..]]).Id;
                if (id >= 1000)
                {
                    batch.Delete(entry.Key.Span);
                }
            }

            batch.Put([0x00, (byte)'b', .. topicPrefix], first);
            batch.Put([0x00, (byte)'s', .. NoteV1Key.Prefix], System.Text.Encoding.UTF8.GetBytes("edgedb-schema 1\ncollection notes\nkey Id:Int32\n"));
            store.Write(batch);
            Assert.Equal(1000, IndexEntries(store, "Topic"));
        }

        var logger = new RecordingLogger();
        using (var store = EdgeStore.Open(_directory.Path, new EdgeStoreOptions { Logger = logger }))
        {
            var notes = new NoteV2Repository(store);

            // Continued, not started again: only the notes after the progress record were indexed this time.
            Assert.Contains("Index Topic of collection notes is complete: 1500 entities indexed", logger.Messages);
            Assert.Contains("Index Author of collection notes is complete: 2500 entities indexed", logger.Messages);
            Assert.Equal(Notes, IndexEntries(store, "Topic"));
            Assert.Equal(Notes / 5, notes.FindByTopic("topic-2").Count());
            Assert.All(notes.All(), n => Assert.Contains(notes.FindByTopic(n.Topic), m => m.Id == n.Id));
            Assert.Empty(store.ScanPrefix([0x00, (byte)'b']));
        }
    }

    [Fact]
    public void A_unique_index_over_stored_duplicates_is_refused_and_left_unbuilt_for_the_next_try()
    {
        using (var store = EdgeStore.Open(_directory.Path))
        {
            var notes = new NoteV1Repository(store);
            notes.PutMany([new NoteV1(1, "a", "same"), new NoteV1(2, "b", "same"), new NoteV1(3, "c", "other")]);
        }

        using (var store = EdgeStore.Open(_directory.Path))
        {
            var error = Assert.Throws<EdgeUniqueConstraintException>(() => new NoteV2Repository(store));
            Assert.Equal("Author", error.Member);
            Assert.Equal(0, IndexEntries(store, "Author"));

            // Fixed through the old model, the next construction builds it.
            new NoteV1Repository(store).Put(new NoteV1(2, "b", "fixed"));
            var notes = new NoteV2Repository(store);
            Assert.Equal(2, notes.GetByAuthor("fixed").Id);
            Assert.Equal(3, IndexEntries(store, "Author"));
        }
    }

    [Fact]
    public void An_unchanged_model_writes_nothing_on_construction()
    {
        StoreReleaseOneNotes();
        using (var store = EdgeStore.Open(_directory.Path))
        {
            _ = new NoteV2Repository(store);
        }

        using var reopened = EdgeStore.Open(_directory.Path);
        var before = reopened.LastSequence;
        _ = new NoteV2Repository(reopened);
        Assert.Equal(before, reopened.LastSequence);
    }

    private void StoreReleaseOneNotes()
    {
        using var store = EdgeStore.Open(_directory.Path);
        new NoteV1Repository(store).PutMany(Enumerable.Range(0, Notes).Select(id => new NoteV1(id, "topic-" + (id % 5), "author-" + id)));
    }

    private static int IndexEntries(EdgeStore store, string member) =>
        store.ScanPrefix(Keyspace.IndexPrefix("notes", member)).Count();
}
