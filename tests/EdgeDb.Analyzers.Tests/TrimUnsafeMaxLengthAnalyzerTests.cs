using EdgeDb.CodeFixes;
using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.TrimUnsafeMaxLengthAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB022: [MaxLength(n)] on a key part or index of a project published with Native AOT or trimming.</summary>
public class TrimUnsafeMaxLengthAnalyzerTests
{
    private const string Source = """
        using System.ComponentModel.DataAnnotations;
        using EdgeDb;
        using MemoryPack;

        [MemoryPackable]
        [EdgeCollection("things")]
        public partial record Thing([property: EdgeKey(0), {|EDB022:MaxLength(32)|}] string Name, [property: EdgeIndex(MaxLength = 8)] string Tag);
        """;

    [Theory]
    [InlineData("PublishAot")]
    [InlineData("IsAotCompatible")]
    [InlineData("IsTrimmable")]
    [InlineData("PublishTrimmed")]
    public async Task Fires_on_the_attribute_in_a_project_published_trimmed_or_AOT(string property)
    {
        await Verify.VerifyAsync(Source, $"build_property.{property} = true");
    }

    [Fact]
    public async Task Is_silent_in_a_project_that_is_not_trimmed()
    {
        await Verify.VerifyAsync(Source.Replace("{|EDB022:MaxLength(32)|}", "MaxLength(32)", StringComparison.Ordinal));
        await Verify.VerifyAsync(Source.Replace("{|EDB022:MaxLength(32)|}", "MaxLength(32)", StringComparison.Ordinal), "build_property.PublishAot = false");
    }

    [Fact]
    public async Task Is_silent_on_a_MaxLength_attribute_outside_a_key_or_index()
    {
        const string source = """
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, MaxLength = 4)] string Name, [property: MaxLength(100)] string Notes);
            """;
        await Verify.VerifyAsync(source, "build_property.PublishAot = true");
    }

    [Fact]
    public async Task The_fix_moves_the_bound_onto_EdgeKey_of_a_record_parameter()
    {
        await Verifier<TrimUnsafeMaxLengthAnalyzer>.VerifyFixAsync<ReplaceMaxLengthCodeFixProvider>(
            """
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, Descending = true), {|EDB022:MaxLength(32)|}] string Name);
            """,
            """
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, Descending = true, MaxLength = 32)] string Name);
            """,
            globalConfig: "build_property.PublishAot = true");
    }

    [Fact]
    public async Task The_fix_removes_an_attribute_list_left_empty_on_a_property()
    {
        await Verifier<TrimUnsafeMaxLengthAnalyzer>.VerifyFixAsync<ReplaceMaxLengthCodeFixProvider>(
            """
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeIndex]
                [{|EDB022:MaxLength(16)|}]
                public string Status { get; init; } = "";
            }
            """,
            """
            using System.ComponentModel.DataAnnotations;
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeIndex(MaxLength = 16)]
                public string Status { get; init; } = "";
            }
            """,
            globalConfig: "build_property.IsTrimmable = true");
    }
}
