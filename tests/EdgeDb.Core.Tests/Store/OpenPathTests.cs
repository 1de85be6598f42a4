using EdgeDb.Storage;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Store;

/// <summary>
/// Paths that cannot hold a store, directories <c>Open</c> creates, and LOCK files that fail for other reasons than
/// another opener: each a typed error naming the path, and every new directory durable in its parent.
/// </summary>
public sealed class OpenPathTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_path_that_is_a_file_is_an_argument_error_naming_it()
    {
        var file = _dir.Combine("a-file");
        File.WriteAllText(file, "not a store");

        var error = Assert.Throws<ArgumentException>(() => EdgeStore.Open(file));

        Assert.Contains($"'{file}' is a file", error.Message);
        Assert.Equal("not a store", File.ReadAllText(file));
    }

    [Fact]
    public void A_path_below_a_file_is_an_argument_error_naming_the_file()
    {
        var file = _dir.Combine("a-file");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<ArgumentException>(() => EdgeStore.Open(Path.Combine(file, "store", "deeper")));

        Assert.Contains($"'{file}' is a file", error.Message);
    }

    [Fact]
    public void Every_directory_Open_creates_is_fsynced_and_so_is_its_parent()
    {
        var files = new FaultyFileSystem { Record = true };
        var store = Path.Combine(_dir.Path, "a", "b", "c");

        using (EdgeStore.Open(store, new EdgeStoreOptions { FileSystem = files }))
        {
        }

        var synced = files.Calls.Where(c => c.Call == FileCall.SyncDirectory).Select(c => c.Path).ToHashSet();
        foreach (var expected in new[] { _dir.Path, Path.Combine(_dir.Path, "a"), Path.Combine(_dir.Path, "a", "b"), store })
        {
            Assert.Contains(expected, synced);
        }

        // Each new directory is synced after it exists and before the store writes into it.
        var calls = files.Calls.ToList();
        var firstWrite = calls.FindIndex(c => c.Call is FileCall.Create or FileCall.Lock);
        var lastParentSync = calls.FindLastIndex(c => c.Call == FileCall.SyncDirectory && c.Path == _dir.Path);
        Assert.True(lastParentSync < firstWrite, "the new directories are durable before the store's first file is created");
    }

    [Fact]
    public void An_existing_directory_is_not_fsynced_again()
    {
        var files = new FaultyFileSystem { Record = true };

        using (EdgeStore.Open(_dir.Path, new EdgeStoreOptions { FileSystem = files }))
        {
        }

        Assert.DoesNotContain(files.Calls, c => c.Call == FileCall.SyncDirectory && c.Path == Path.GetDirectoryName(_dir.Path));
    }

    [Theory]
    [InlineData("IOError")]
    [InlineData("Permission")]
    public void A_LOCK_file_failing_for_another_reason_than_a_second_opener_is_not_reported_as_locked(string fault)
    {
        var counter = new FaultyFileSystem { Record = true };
        using (EdgeStore.Open(_dir.Path, new EdgeStoreOptions { FileSystem = counter }))
        {
        }

        var lockCall = counter.Calls.First(c => c.Call == FileCall.Lock).Number;
        var files = new FaultyFileSystem { FailAt = lockCall, ChooseFault = (_, _) => Enum.Parse<Fault>(fault) };

        var error = Assert.Throws<EdgeIOException>(() => EdgeStore.Open(_dir.Path, new EdgeStoreOptions { FileSystem = files }));

        Assert.IsNotType<EdgeStoreLockedException>(error);
        Assert.Contains(StoreFileNames.Lock, error.Message);
        Assert.Equal(_dir.Combine(StoreFileNames.Lock), error.FilePath);
        Assert.NotNull(error.InnerException);

        // The failed open released the in-process registry: the store opens once the cause is gone.
        using var store = EdgeStore.Open(_dir.Path);
    }

    [Fact]
    public void A_read_only_file_system_is_an_I_O_error_naming_the_LOCK_file_not_a_second_opener()
    {
        using var mount = TmpfsMount.TryMount(1024, out var reason);
        Assert.SkipWhen(mount is null, reason);
        using (EdgeStore.Open(mount!.Path))
        {
        }

        File.Delete(Path.Combine(mount.Path, StoreFileNames.Lock));
        mount.Remount("ro");

        var error = Assert.Throws<EdgeIOException>(() => EdgeStore.Open(mount.Path));

        Assert.Equal(Path.Combine(mount.Path, StoreFileNames.Lock), error.FilePath);
        Assert.Contains("Read-only", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_directory_the_process_may_not_write_is_an_I_O_error_naming_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv"), "needs Linux and setpriv to run the opener as another user");
        var parent = _dir.Combine("locked-parent");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        // The test host opens the store as user nobody, who may read the directory but not create in it.
        var output = ChildProcess.RunAsNobody("open", Path.Combine(parent, "store"));

        Assert.Contains("EdgeIOException", output);
        Assert.Contains("No permission to create the store directory", output);
        Assert.Contains(Path.Combine(parent, "store"), output);
    }
}
