using System.Collections.Immutable;
using System.Text.RegularExpressions;
using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EdgeDb.Analyzers.Tests;

/// <summary>
/// The set of diagnostics as a whole: ids unique and as issue 4 fixes them, each with its page (a bad and a good
/// example) and its row in the release tracking file; and every analyzer together silent on clean models.
/// </summary>
public partial class CatalogueTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = [.. typeof(CollectionModelAnalyzer).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    private static readonly ImmutableArray<DiagnosticDescriptor> s_descriptors = [.. s_analyzers.SelectMany(a => a.SupportedDiagnostics)];

    [Fact]
    public void Issue_4_ids_have_their_fixed_severities_and_every_id_is_reported_by_one_analyzer()
    {
        var fixedIds = new Dictionary<string, DiagnosticSeverity>
        {
            ["EDB001"] = DiagnosticSeverity.Error, ["EDB002"] = DiagnosticSeverity.Error, ["EDB003"] = DiagnosticSeverity.Error,
            ["EDB004"] = DiagnosticSeverity.Error, ["EDB005"] = DiagnosticSeverity.Error, ["EDB006"] = DiagnosticSeverity.Error,
            ["EDB007"] = DiagnosticSeverity.Warning, ["EDB008"] = DiagnosticSeverity.Error, ["EDB009"] = DiagnosticSeverity.Error,
            ["EDB010"] = DiagnosticSeverity.Error, ["EDB011"] = DiagnosticSeverity.Warning,
        };
        foreach (var (id, severity) in fixedIds)
        {
            Assert.Equal(severity, Assert.Single(s_descriptors, d => d.Id == id).DefaultSeverity);
        }

        Assert.Equal(s_descriptors.Length, s_descriptors.Select(d => d.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"EDB{i:000}"), s_descriptors.Select(d => d.Id).Order());
    }

    [Fact]
    public void Every_id_has_a_page_with_a_bad_and_a_good_example()
    {
        foreach (var descriptor in s_descriptors)
        {
            Assert.Equal($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "diagnostics", descriptor.Id + ".md"));
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", page, StringComparison.Ordinal);
            Assert.Contains($"**Severity:** {descriptor.DefaultSeverity}", page, StringComparison.Ordinal);
            Assert.Matches(@"## Bad\s+```csharp\n", page);
            Assert.Matches(@"## Good\s+```csharp\n", page);
        }
    }

    [Fact]
    public void Every_id_is_in_the_release_tracking_file_with_its_category_and_severity()
    {
        var unshipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "releases", "AnalyzerReleases.Unshipped.md"));
        var rows = RuleRow().Matches(unshipped).ToDictionary(m => m.Groups["id"].Value, m => (m.Groups["category"].Value, m.Groups["severity"].Value));
        Assert.Equal(s_descriptors.Length, rows.Count);
        foreach (var descriptor in s_descriptors)
        {
            Assert.Equal((descriptor.Category, descriptor.DefaultSeverity.ToString()), rows[descriptor.Id]);
        }
    }

    [Fact]
    public void Model_problems_and_descriptors_share_message_formats()
    {
        foreach (var descriptor in s_descriptors)
        {
            Assert.Equal(ProblemIds.Format(descriptor.Id), descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task All_analyzers_are_silent_on_clean_models()
    {
        const string source = """
            using System;
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            namespace Sample;

            [MemoryPackable(GenerateType.VersionTolerant)]
            [EdgeCollection("readings")]
            public partial record SensorReading(
                [property: EdgeKey(0, MaxLength = 64), MemoryPackOrder(0)] string DeviceId,
                [property: EdgeKey(1, Descending = true), MemoryPackOrder(1)] DateTimeOffset Timestamp,
                [property: EdgeIndex(MaxLength = 32), MemoryPackOrder(2)] string Room,
                [property: MemoryPackOrder(3)] double Celsius);

            public static partial class Model
            {
                [MemoryPackable(SerializeLayout.Explicit)]
                [EdgeCollection("counters")]
                internal partial struct Counter
                {
                    [EdgeKey(0), MemoryPackOrder(0)]
                    public int? Id { get; init; }

                    [EdgeKey(1), MaxLength(16), MemoryPackOrder(1)]
                    public byte[] Tag { get; init; }

                    [MemoryPackOrder(2)]
                    public long Value { get; set; }
                }
            }
            """;
        Assert.Empty(await DiagnosticsAsync(source));
    }

    [Fact]
    public async Task The_README_model_draws_only_the_layout_information()
    {
        const string source = """
            using System;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("readings")]
            public partial record SensorReading(
                [property: EdgeKey(0, MaxLength = 64)] string DeviceId,
                [property: EdgeKey(1)] DateTimeOffset Timestamp,
                [property: EdgeIndex(MaxLength = 32)] string Room,
                double Celsius);
            """;
        var diagnostic = Assert.Single(await DiagnosticsAsync(source));
        Assert.Equal(("EDB020", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Clean",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, cancellationToken: TestContext.Current.CancellationToken)],
            References.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        Assert.Empty(compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers(s_analyzers).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"^(?<id>EDB\d{3}) \| (?<category>[\w.]+) \| (?<severity>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
