using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.StrayKeyAttributeAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB016: [EdgeKey]/[EdgeIndex] where no collection reads them.</summary>
public class StrayKeyAttributeAnalyzerTests
{
    [Fact]
    public async Task EDB016_key_and_index_on_a_type_that_is_no_collection()
    {
        await Verify.VerifyAsync(
            """
            using EdgeDb;

            public record Dto([property: EdgeKey(0)] int {|#0:Id|}, [property: EdgeIndex] int {|#1:Size|});
            """,
            Verify.Diagnostic("EDB016").WithLocation(0).WithArguments("EdgeKey", "Id", "Dto"),
            Verify.Diagnostic("EDB016").WithLocation(1).WithArguments("EdgeIndex", "Size", "Dto"));
    }

    [Fact]
    public async Task EDB016_near_miss_base_of_a_collection_and_abstract_base()
    {
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            public class Keyed
            {
                [EdgeKey(0)]
                public int Id { get; init; }
            }

            public abstract class Indexed
            {
                [EdgeIndex]
                public int Size { get; init; }
            }

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing : Keyed
            {
            }
            """);
    }
}
