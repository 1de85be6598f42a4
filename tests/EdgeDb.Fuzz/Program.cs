using System.Diagnostics;
using System.Security.Cryptography;
using EdgeDb;
using EdgeDb.Fuzz;
using SharpFuzz;

// The fuzzers of the store's file readers (docs/testing.md, "Fuzzing"):
//   afl <target>                          : the AFL++ entry point (run under afl-fuzz after `sharpfuzz EdgeDb.Core.dll`)
//   mutate <target> [seconds] [seed]      : the built-in structure-aware mutator over the committed corpus; crashers
//                                           are written to crashers/<target>/ and the run exits 1
//   replay <target> <file or directory>... : runs inputs once each and prints what each did
//   seed <corpus directory>               : writes the seed corpora from real files made by the engine
// Targets: wal, table, manifest, catalogue.
var command = args.Length > 0 ? args[0] : "";
try
{
    switch (command)
    {
        case "afl":
        {
            var target = FuzzTargets.Find(args[1]);
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                try
                {
                    FuzzTargets.Run(target, buffer.ToArray());
                }
                catch (EdgeDbException)
                {
                    // The contract's answer to damage; anything else crashes the run, which AFL records.
                }
            });
            return 0;
        }

        case "mutate":
            return Mutate(FuzzTargets.Find(args[1]), args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount);
        case "replay":
        {
            var target = FuzzTargets.Find(args[1]);
            var failed = 0;
            foreach (var file in args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]).Order(StringComparer.Ordinal))
            {
                var outcome = FuzzCheck.Run(target, File.ReadAllBytes(file));
                failed += outcome.Violation is null ? 0 : 1;
                Console.WriteLine($"{Path.GetFileName(file)}: {outcome.Violation ?? "ok"} ({outcome.AllocatedBytes} bytes, {outcome.Elapsed.TotalMilliseconds:F1} ms)");
            }

            return failed == 0 ? 0 : 1;
        }

        case "seed":
            Seeds.Write(args[1]);
            return 0;
        default:
            Console.Error.WriteLine("usage: afl <target> | mutate <target> [seconds] [seed] | replay <target> <path>... | seed <corpus directory>");
            return 2;
    }
}
finally
{
    Scratch.DeleteAll();
}

static int Mutate(FuzzTarget target, double seconds, int seed)
{
    var corpusDirectory = Path.Combine(AppContext.BaseDirectory, "corpus", target.Name);
    var corpus = Directory.GetFiles(corpusDirectory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
    var mutator = new Mutator(seed);
    var random = new Random(seed);
    var crashers = Path.Combine(Directory.GetCurrentDirectory(), "crashers", target.Name);
    long executions = 0;
    long rejected = 0;
    var violations = 0;
    long largestAllocation = 0;

    // One warm run per seed, so pools and caches are not counted against the first mutated inputs.
    corpus.ForEach(input => FuzzCheck.Run(target, input));
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        var input = mutator.Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)]);
        var outcome = FuzzCheck.Run(target, input);
        executions++;
        rejected += outcome.Rejected ? 1 : 0;
        largestAllocation = Math.Max(largestAllocation, outcome.AllocatedBytes - (4L * input.Length));
        if (outcome.Violation is { } violation)
        {
            violations++;
            Directory.CreateDirectory(crashers);
            var name = Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant() + ".bin";
            File.WriteAllBytes(Path.Combine(crashers, name), input);
            Console.WriteLine($"{target.Name}: {violation} -> crashers/{target.Name}/{name}");
            if (violations >= 20)
            {
                break;
            }
        }
    }

    Console.WriteLine(
        $"{target.Name}: {executions} executions in {clock.Elapsed.TotalSeconds:F0} s ({executions / clock.Elapsed.TotalSeconds:F0}/s), " +
        $"{rejected} rejected as damage and {executions - rejected - violations} read through, corpus {corpus.Count} inputs, {violations} violations, " +
        $"largest allocation beyond 4x input {largestAllocation} bytes (seed {seed})");
    return violations == 0 ? 0 : 1;
}
