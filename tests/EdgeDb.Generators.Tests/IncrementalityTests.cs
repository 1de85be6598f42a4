using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDb.Generators.Tests;

/// <summary>An edit that does not touch a collection leaves every tracked step cached.</summary>
public class IncrementalityTests
{
    private static readonly string[] s_trackedSteps =
    [
        TrackingNames.Collections,
        TrackingNames.Servable,
        TrackingNames.Registrations,
        TrackingNames.AllRegistrations,
        TrackingNames.RegistrationTarget,
        TrackingNames.RegistrationSource,
    ];

    [Fact]
    public void Steps_are_cached_or_unchanged_after_an_unrelated_edit()
    {
        var compilation = Compilations.Create(true, Sources.Readings, Sources.Counter, Sources.Unrelated);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new EdgeCollectionGenerator().AsSourceGenerator()],
            parseOptions: Compilations.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult().Results.Single();
        Assert.Equal(3, first.GeneratedSources.Length);
        foreach (var step in s_trackedSteps)
        {
            Assert.True(first.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
        }

        var unrelated = compilation.SyntaxTrees.Single(t => t.FilePath == "Source2.cs");
        var edited = compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(Sources.Unrelated.Replace("x * 2", "x + x", StringComparison.Ordinal), Compilations.ParseOptions, "Source2.cs", cancellationToken: TestContext.Current.CancellationToken));
        driver = driver.RunGenerators(edited, TestContext.Current.CancellationToken);
        var second = driver.GetRunResult().Results.Single();

        foreach (var step in s_trackedSteps)
        {
            foreach (var output in second.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} ran with {output.Reason}");
            }
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_non_key_member_changes_no_model_and_regenerates_nothing()
    {
        var reasons = CollectionReasonsAfter(Sources.Counter.Replace("public long Value", "public int Value", StringComparison.Ordinal), out var outputs);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons);
        Assert.All(outputs, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Editing_a_key_member_modifies_only_that_model()
    {
        var reasons = CollectionReasonsAfter(Sources.Counter.Replace("public int? Id", "public long? Id", StringComparison.Ordinal), out var outputs);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Unchanged || r == IncrementalStepRunReason.Cached));
        Assert.Contains(IncrementalStepRunReason.Modified, outputs);
    }

    private static List<IncrementalStepRunReason> CollectionReasonsAfter(string editedCounter, out List<IncrementalStepRunReason> outputReasons)
    {
        var compilation = Compilations.Create(true, Sources.Readings, Sources.Counter);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new EdgeCollectionGenerator().AsSourceGenerator()],
            parseOptions: Compilations.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);

        var counter = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = compilation.ReplaceSyntaxTree(counter, CSharpSyntaxTree.ParseText(editedCounter, Compilations.ParseOptions, "Source1.cs", cancellationToken: TestContext.Current.CancellationToken));
        driver = driver.RunGenerators(edited, TestContext.Current.CancellationToken);
        var result = driver.GetRunResult().Results.Single();
        outputReasons = [.. result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)];
        return [.. result.TrackedSteps[TrackingNames.Collections].SelectMany(s => s.Outputs).Select(o => o.Reason)];
    }
}
