using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace EdgeDb.Analyzers.Tests;

/// <summary>
/// Runs one analyzer (and, for fixes, one code fix) over test sources with Microsoft.CodeAnalysis.Testing: every
/// diagnostic reported must be expected, with its span (markup <c>{|EDBnnn:text|}</c>) and, where given, its arguments.
/// </summary>
internal static class Verifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>Checks that <paramref name="source"/> draws exactly the marked and <paramref name="expected"/> diagnostics.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, null, expected);

    /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with a global analyzer config (e.g. <c>build_property.X = y</c>).</summary>
    public static async Task VerifyAsync(string source, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, over several files of one compilation.</summary>
    public static async Task VerifySourcesAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest();
        test.TestState.Sources.AddRange(sources.Select((s, i) => ($"/0/Test{i}.cs", Microsoft.CodeAnalysis.Text.SourceText.From(s))));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>As <see cref="VerifyAsync(string, DiagnosticResult[])"/>, with the EdgeDb generator's output in the compilation.</summary>
    public static async Task VerifyWithGeneratorAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source, RunGenerator = true };
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Checks that <typeparamref name="TCodeFix"/> turns <paramref name="source"/> into exactly <paramref name="fixedSource"/>.</summary>
    public static async Task VerifyFixAsync<TCodeFix>(string source, string fixedSource, string? equivalenceKey = null, string? globalConfig = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CodeFixTest<TCodeFix> { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        }

        Configure(test.TestState);
        test.DisabledDiagnostics.Add("CS1701");
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static void Configure(SolutionState state) => state.AdditionalReferences.AddRange(References.All);

    private sealed class AnalyzerTest : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            // No reference pack to download: the framework the tests run on is referenced directly.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            Configure(TestState);

            // The reference-version notice MemoryPack.Core (built for .NET 8) draws here.
            DisabledDiagnostics.Add("CS1701");
        }

        public bool RunGenerator { get; init; }

        protected override IEnumerable<Type> GetSourceGenerators() => RunGenerator ? [typeof(EdgeDb.Generators.EdgeCollectionGenerator), MemoryPackGenerator.Type] : [];

        protected override ParseOptions CreateParseOptions() => Parse((CSharpParseOptions)base.CreateParseOptions());
    }

    private sealed class CodeFixTest<TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public CodeFixTest()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        }

        protected override ParseOptions CreateParseOptions() => Parse((CSharpParseOptions)base.CreateParseOptions());
    }

    // C# 12, the .NET 8 SDK's, the oldest the package supports; the NET symbols make MemoryPack's generator emit what it
    // emits for a .NET 8+ project.
    private static CSharpParseOptions Parse(CSharpParseOptions options) => options
        .WithLanguageVersion(LanguageVersion.CSharp12)
        .WithPreprocessorSymbols("NET", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET8_0");
}

/// <summary>MemoryPack's source generator, loaded from its package (it ships no reference assembly).</summary>
internal static class MemoryPackGenerator
{
    public static readonly Type Type = Load();

    private static Type Load()
    {
        var path = typeof(MemoryPackGenerator).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MemoryPackGenerator").Value!;
        return System.Reflection.Assembly.LoadFrom(path).GetTypes().Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
    }
}
