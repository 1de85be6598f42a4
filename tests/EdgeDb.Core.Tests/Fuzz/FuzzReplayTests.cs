using EdgeDb.Fuzz;

namespace EdgeDb.Tests.Fuzz;

/// <summary>
/// Every run replays the committed fuzz corpus and every past crasher, and fuzzes each reader briefly with a fixed
/// seed: only <see cref="EdgeDbException"/>s escape, allocation stays under 4x the input plus 1 MiB, each input
/// under a second (docs/testing.md, "Fuzzing").
/// </summary>
public sealed class FuzzReplayTests
{
    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void The_corpus_and_every_past_crasher_meet_the_bars(string name)
    {
        var target = FuzzTargets.Find(name);
        var inputs = Inputs("corpus", name).Concat(Inputs("crashers", name)).ToList();
        Assert.NotEmpty(Inputs("corpus", name));
        foreach (var path in inputs)
        {
            var outcome = FuzzCheck.Run(target, File.ReadAllBytes(path));
            Assert.True(outcome.Violation is null, $"{Path.GetFileName(path)}: {outcome.Violation}");
        }
    }

    [Theory]
    [InlineData("table", "lz4-raw-size-256mib.bin", "raw size of 268435456")]
    [InlineData("table", "zstd-raw-size-256mib.bin", "raw size of 268435456")]
    [InlineData("manifest", "overlapping-level-1.bin", "overlap")]
    public void Past_crashers_are_refused_for_what_they_are(string name, string file, string reason)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "crashers", name, file));
        var error = Assert.ThrowsAny<EdgeCorruptionException>(() => FuzzTargets.Run(FuzzTargets.Find(name), bytes));
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_short_seeded_run_of_the_mutator_finds_nothing(string name)
    {
        var target = FuzzTargets.Find(name);
        var corpus = Inputs("corpus", name).Select(File.ReadAllBytes).ToList();
        var mutator = new Mutator(seed: 20261207);
        var random = new Random(20261207);
        corpus.ForEach(input => FuzzCheck.Run(target, input));
        var runs = name == "catalogue" ? 300 : 3000;
        for (var i = 0; i < runs; i++)
        {
            var input = mutator.Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)]);
            var outcome = FuzzCheck.Run(target, input);
            Assert.True(outcome.Violation is null, $"mutation {i}: {outcome.Violation}; input {Convert.ToHexString(input)}");
        }
    }

    private static IEnumerable<string> Inputs(string folder, string target)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, folder, target);
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*.bin").Order(StringComparer.Ordinal) : [];
    }
}
