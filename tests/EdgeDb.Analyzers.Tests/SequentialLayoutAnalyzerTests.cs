using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.SequentialLayoutAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB020 (info): a persisted type on MemoryPack's default, positional layout.</summary>
public class SequentialLayoutAnalyzerTests
{
    [Fact]
    public async Task EDB020_default_and_explicitly_sequential_layouts()
    {
        await Verify.VerifyAsync(
            """
            using EdgeDb;
            using MemoryPack;

            [{|#0:MemoryPackable|}]
            [EdgeCollection("a")]
            public partial record A([property: EdgeKey(0)] int Id);

            [{|#1:MemoryPackable(GenerateType.Object)|}]
            [EdgeCollection("b")]
            public partial record B([property: EdgeKey(0)] int Id);

            [{|#2:MemoryPackable(SerializeLayout.Sequential)|}]
            [EdgeCollection("c")]
            public partial record C([property: EdgeKey(0)] int Id);
            """,
            Verify.Diagnostic("EDB020").WithLocation(0).WithArguments("A"),
            Verify.Diagnostic("EDB020").WithLocation(1).WithArguments("B"),
            Verify.Diagnostic("EDB020").WithLocation(2).WithArguments("C"));
    }

    [Fact]
    public async Task EDB020_near_miss_version_tolerant_explicit_layout_and_non_collections()
    {
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable(GenerateType.VersionTolerant)]
            [EdgeCollection("a")]
            public partial record A([property: EdgeKey(0), MemoryPackOrder(0)] int Id);

            [MemoryPackable(SerializeLayout.Explicit)]
            [EdgeCollection("b")]
            public partial record B([property: EdgeKey(0), MemoryPackOrder(0)] int Id);

            [MemoryPackable]
            public partial record NotStored(int Id);
            """);
    }
}
