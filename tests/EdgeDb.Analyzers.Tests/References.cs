using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace EdgeDb.Analyzers.Tests;

/// <summary>What test compilations reference: the running framework, EdgeDb.Core and MemoryPack, offline (no reference-pack download).</summary>
internal static class References
{
    public static ImmutableArray<MetadataReference> All { get; } = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        var libraries = new[]
        {
            typeof(EdgeStore).Assembly.Location,
            typeof(MemoryPack.MemoryPackableAttribute).Assembly.Location,
        };
        return [.. framework.Concat(libraries).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
