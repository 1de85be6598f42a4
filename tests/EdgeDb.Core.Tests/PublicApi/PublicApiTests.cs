namespace EdgeDb.Tests.PublicApi;

/// <summary>
/// The public API of EdgeDb.Core is checked in (<c>src/EdgeDb.Core/PublicAPI.txt</c>), so every change to it is
/// deliberate: a change fails this test until the listing is updated in the same commit. To update it, run the test
/// with <c>EDGEDB_UPDATE_PUBLIC_API=1</c> and review the diff.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_API_is_the_checked_in_one()
    {
        var actual = PublicApiListing.Of(typeof(EdgeStore).Assembly);
        var path = Path.Combine(RepositoryRoot(), "src", "EdgeDb.Core", "PublicAPI.txt");
        if (Environment.GetEnvironmentVariable("EDGEDB_UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with EDGEDB_UPDATE_PUBLIC_API=1 to write it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        var removed = expected.Split('\n').Except(actual.Split('\n')).ToList();
        Assert.True(
            added.Count == 0 && removed.Count == 0,
            "The public API changed. If that is deliberate, run the tests with EDGEDB_UPDATE_PUBLIC_API=1 and commit src/EdgeDb.Core/PublicAPI.txt.\n" +
            string.Join('\n', added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l))));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeDb.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (EdgeDb.sln) was not found above " + AppContext.BaseDirectory);
    }
}
