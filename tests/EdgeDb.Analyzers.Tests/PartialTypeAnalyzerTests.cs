using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.PartialTypeAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB001 and EDB012: the collection type and every type around it must be partial.</summary>
public class PartialTypeAnalyzerTests
{
    [Fact]
    public async Task EDB001_collection_that_is_not_partial()
    {
        await Verify.VerifyAsync(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public record {|#0:Thing|}([property: EdgeKey(0)] int Id);
            """,
            Verify.Diagnostic("EDB001").WithLocation(0).WithArguments("Thing"));
    }

    [Fact]
    public async Task EDB001_near_miss_partial_on_another_declaration_and_plain_non_collection()
    {
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }
            }

            public partial class Thing
            {
                public string Label => "thing";
            }

            public record NotACollection(int Id);
            """);
    }

    [Fact]
    public async Task EDB012_containing_type_that_is_not_partial()
    {
        await Verify.VerifyAsync(
            """
            using EdgeDb;
            using MemoryPack;

            public partial class Outer
            {
                public class {|#0:Middle|}
                {
                    [MemoryPackable]
                    [EdgeCollection("things")]
                    public partial record Thing([property: EdgeKey(0)] int Id);
                }
            }
            """,
            Verify.Diagnostic("EDB012").WithLocation(0).WithArguments("Thing", "Middle"));
    }

    [Fact]
    public async Task EDB012_near_miss_every_containing_type_partial()
    {
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            public partial class Outer
            {
                public partial class Middle
                {
                    [MemoryPackable]
                    [EdgeCollection("things")]
                    public partial record Thing([property: EdgeKey(0)] int Id);
                }
            }
            """);
    }
}
