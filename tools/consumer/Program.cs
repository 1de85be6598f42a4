// The consumer check in .ci/run: this file replaces the Program.cs of a fresh `dotnet new console` app whose only
// change is `dotnet add package EdgeDb` from the packed folder. CI builds it (warnings are errors), runs it, publishes
// it with Native AOT and runs the binary. It is deliberately not in EdgeDb.sln: it sees EdgeDb only as a user does,
// through the packages. The record below only compiles if the package's source generator ran (NoteRepository).
using EdgeDb;
using MemoryPack;

var directory = Path.Combine(args.Length > 0 ? args[0] : Path.GetTempPath(), $"edgedb-consumer-{Environment.ProcessId}");

using (var store = EdgeStore.Open(directory))
{
    var notes = new NoteRepository(store);
    notes.Put(new Note("inbox", 1, "buy milk", "home"));
    notes.PutMany([new Note("inbox", 2, "call Ada", "work"), new Note("archive", 1, "file taxes", "work")]);
    store.Sync();
}

// Reopened: everything comes back from the files.
using (var store = EdgeStore.Open(directory))
{
    var notes = new NoteRepository(store);
    Check(notes.ScanByFolder("inbox").Select(n => n.Text).SequenceEqual(["buy milk", "call Ada"]), "ScanByFolder in key order");
    Check(notes.FindByTag("work").Count() == 2, "FindByTag through the secondary index");
    Check(notes.Get("archive", 1).Text == "file taxes", "Get by key parts");
    Check(notes.Delete("inbox", 1) && !notes.Contains("inbox", 1), "Delete");
    Check(notes.All().Count() == 2, "All");
}

Directory.Delete(directory, recursive: true);
Console.WriteLine("consumer: generated NoteRepository put, scanned, found, deleted and read back 3 notes");

static void Check(bool ok, string what)
{
    if (!ok)
    {
        Console.Error.WriteLine($"FAIL: {what}");
        Environment.Exit(1);
    }
}

[MemoryPackable]
[EdgeCollection("notes")]
public partial record Note(
    [property: EdgeKey(0, MaxLength = 32)] string Folder,
    [property: EdgeKey(1)] int Number,
    string Text,
    [property: EdgeIndex(MaxLength = 16)] string Tag);
