using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace EdgeDb.Generators.Tests;

/// <summary>
/// The generator's output, frozen in Snapshots/. Run with EDGEDB_UPDATE_SNAPSHOTS=1 to rewrite them (into the
/// source tree), then review the diff.
/// </summary>
public class SnapshotTests
{
    [Fact]
    public async Task Readings_record_with_a_descending_part_and_an_index()
    {
        await VerifyAsync("Readings", [Sources.Readings], "Sample.Telemetry.SensorReading.EdgeDb.g.cs", "EdgeDbServiceCollectionExtensions.g.cs");
    }

    [Fact]
    public async Task Internal_struct_with_a_nullable_key_in_the_global_namespace()
    {
        await VerifyAsync("Counter", [Sources.Counter], "Counter.EdgeDb.g.cs", "EdgeDbServiceCollectionExtensions.g.cs");
    }

    [Fact]
    public void Generated_code_has_no_warnings()
    {
        var compilation = Compilations.Create(true, Sources.Readings, Sources.Counter);
        CSharpGeneratorDriver.Create([new EdgeCollectionGenerator().AsSourceGenerator(), GeneratorTest.CreateMemoryPackGenerator()], parseOptions: Compilations.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        Assert.Empty(generatorDiagnostics);
        var ours = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701")
            .Where(d => d.Location.SourceTree?.FilePath.Contains("EdgeDb.Generators", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Empty(ours);
        Assert.Equal(3, output.SyntaxTrees.Count(t => t.FilePath.Contains("EdgeDb.Generators", StringComparison.Ordinal)));
    }

    private static async Task VerifyAsync(string snapshot, string[] sources, params string[] hintNames)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Snapshots", snapshot);
        if (Environment.GetEnvironmentVariable("EDGEDB_UPDATE_SNAPSHOTS") == "1")
        {
            directory = Path.Combine(SourceSnapshotDirectory(), snapshot);
            WriteSnapshots(directory, sources, hintNames);
        }

        var test = new GeneratorTest
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(Compilations.References);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var hintName in hintNames)
        {
            var expected = await File.ReadAllTextAsync(Path.Combine(directory, hintName));
            test.TestState.GeneratedSources.Add((typeof(EdgeCollectionGenerator), hintName, SourceText.From(expected, Encoding.UTF8)));
        }

        // MemoryPack's output is not ours to freeze: it is expected as MemoryPack produces it.
        var memoryPack = CSharpGeneratorDriver.Create([GeneratorTest.CreateMemoryPackGenerator()], parseOptions: Compilations.ParseOptions)
            .RunGenerators(Compilations.Create(true, sources), TestContext.Current.CancellationToken).GetRunResult();
        foreach (var generated in memoryPack.Results.Single().GeneratedSources)
        {
            test.TestState.GeneratedSources.Add((GeneratorTest.MemoryPackGeneratorType, generated.HintName, generated.SourceText));
        }

        // CS1701 is the reference-version notice MemoryPack.Core (built for .NET 8) draws here; nothing to do with the output.
        test.DisabledDiagnostics.Add("CS1701");

        // MemoryPack's generated members carry no docs; ours are checked by Generated_code_has_no_warnings.
        test.DisabledDiagnostics.Add("CS1591");

        // The generated code must compile without a warning, as it will in a project with warnings as errors.
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static void WriteSnapshots(string directory, string[] sources, string[] hintNames)
    {
        var compilation = Compilations.Create(true, sources);
        var driver = CSharpGeneratorDriver.Create([new EdgeCollectionGenerator().AsSourceGenerator()], parseOptions: Compilations.ParseOptions);
        var result = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        Directory.CreateDirectory(directory);
        foreach (var generated in result.Results.Single().GeneratedSources.Where(g => hintNames.Contains(g.HintName)))
        {
            File.WriteAllText(Path.Combine(directory, generated.HintName), generated.SourceText.ToString());
        }
    }

    /// <summary>Every model the analyzers reject with an error, one per case: the generator must emit nothing that breaks.</summary>
    public static TheoryData<string, string> ErrorCases => new()
    {
        { "EDB001", "[MemoryPackable] [EdgeCollection(\"c\")] public record NotPartial([property: EdgeKey(0)] int Id);" },
        { "EDB002", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record NoKey(int Id);" },
        { "EDB003", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record BadKey([property: EdgeKey(0)] System.Uri Id);" },
        { "EDB004", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record Gap([property: EdgeKey(0)] int A, [property: EdgeKey(2)] int B);" },
        { "EDB005", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record Unbounded([property: EdgeKey(0)] string Id);" },
        { "EDB006", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record Huge([property: EdgeKey(0, MaxLength = 70000)] string Id);" },
        { "EDB009", "[EdgeCollection(\"c\")] public partial record NoPack([property: EdgeKey(0)] int Id);" },
        { "EDB010", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record BadIndex([property: EdgeKey(0)] int Id, [property: EdgeIndex] System.Uri? Link);" },
        { "EDB012", "public class Outer { [MemoryPackable] [EdgeCollection(\"c\")] public partial record Inner([property: EdgeKey(0)] int Id); }" },
        { "EDB013", "[MemoryPackable] [EdgeCollection(\"c\")] public partial record Generic<T>([property: EdgeKey(0)] int Id);" },
        { "EDB014", "public partial class Host { [MemoryPackable] [EdgeCollection(\"c\")] private partial record Hidden([property: EdgeKey(0)] int Id); }" },
        { "EDB015", "[MemoryPackable] [EdgeCollection(\"c\")] public partial class StaticKey { [EdgeKey(0)] public static int Id { get; set; } }" },
        { "EDB019", "[MemoryPackable] [EdgeCollection(\"a/b\")] public partial record Slash([property: EdgeKey(0)] int Id);" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void A_rejected_collection_draws_no_diagnostic_inside_generated_code(string id, string declaration)
    {
        var compilation = Compilations.Create(true, "using EdgeDb;\nusing MemoryPack;\n" + declaration);
        CSharpGeneratorDriver.Create([new EdgeCollectionGenerator().AsSourceGenerator(), GeneratorTest.CreateMemoryPackGenerator()], parseOptions: Compilations.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, TestContext.Current.CancellationToken);
        var generatedTrees = output.SyntaxTrees.Except(compilation.SyntaxTrees).ToHashSet();
        var inGenerated = output.GetDiagnostics(TestContext.Current.CancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .Select(d => $"{d.Id} in {Path.GetFileName(d.Location.SourceTree!.FilePath)}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        Assert.True(inGenerated.Count == 0, $"{id}: " + string.Join("\n", inGenerated));
        Assert.DoesNotContain(output.SyntaxTrees, t => t.FilePath.Contains("EdgeDb.Generators", StringComparison.Ordinal) && t.FilePath.EndsWith(".EdgeDb.g.cs", StringComparison.Ordinal));
    }

    /// <summary>Runs MemoryPack's generator beside ours, as a user's build does: our code calls what it generates.</summary>
    private sealed class GeneratorTest : CSharpSourceGeneratorTest<EdgeCollectionGenerator, DefaultVerifier>
    {
        public static readonly Type MemoryPackGeneratorType = LoadMemoryPackGenerator();

        public static ISourceGenerator CreateMemoryPackGenerator() => ((IIncrementalGenerator)Activator.CreateInstance(MemoryPackGeneratorType)!).AsSourceGenerator();

        protected override ParseOptions CreateParseOptions() => Compilations.ParseOptions;

        // Nullable on, as in a project made from the .NET templates (and as the snapshots are written).
        protected override CompilationOptions CreateCompilationOptions() =>
            ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(EdgeCollectionGenerator), MemoryPackGeneratorType];

        private static Type LoadMemoryPackGenerator()
        {
            var path = typeof(SnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MemoryPackGenerator").Value!;
            return Assembly.LoadFrom(path).GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        }
    }

    private static string SourceSnapshotDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "Snapshots");
}
