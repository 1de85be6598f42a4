using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDb.Generators.Tests;

/// <summary>Compilations of test sources against the running framework, EdgeDb, MemoryPack and the DI abstractions, offline.</summary>
internal static class Compilations
{
    /// <summary>The name the SourceGenerators.Testing harness gives its compilation, so snapshots match both ways of running.</summary>
    public const string AssemblyName = "TestProject";

    // C# 12 (the .NET 8 default) so generated code is held to the oldest compiler we support; the NET symbols
    // make MemoryPack's generator emit what it emits for a .NET 8+ project; Diagnose reports missing docs.
    public static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersion.CSharp12,
        DocumentationMode.Diagnose,
        preprocessorSymbols: ["NET", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NET8_0"]);

    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences(withDependencyInjection: true);

    public static ImmutableArray<MetadataReference> ReferencesWithoutDependencyInjection { get; } = LoadReferences(withDependencyInjection: false);

    public static CSharpCompilation Create(bool withDependencyInjection = true, params string[] sources) =>
        CSharpCompilation.Create(
            AssemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            withDependencyInjection ? References : ReferencesWithoutDependencyInjection,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static ImmutableArray<MetadataReference> LoadReferences(bool withDependencyInjection)
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        var libraries = new List<string>
        {
            typeof(EdgeStore).Assembly.Location,
            typeof(MemoryPack.MemoryPackableAttribute).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        };
        if (withDependencyInjection)
        {
            libraries.Add(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);
        }

        return [.. framework.Concat(libraries).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
