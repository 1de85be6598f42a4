using EdgeDb.CodeFixes;

namespace EdgeDb.Analyzers.Tests;

/// <summary>Each code fix's exact output.</summary>
public class CodeFixTests
{
    [Fact]
    public async Task EDB001_adds_partial_after_the_other_modifiers()
    {
        await Verifier<PartialTypeAnalyzer>.VerifyFixAsync<MakePartialCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public sealed record {|EDB001:Thing|}([property: EdgeKey(0)] int Id);
            """,
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public sealed partial record Thing([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB001_adds_partial_to_a_type_without_modifiers()
    {
        await Verifier<PartialTypeAnalyzer>.VerifyFixAsync<MakePartialCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            namespace Sample
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                class {|EDB001:Thing|}
                {
                    [EdgeKey(0)]
                    public int Id { get; init; }
                }
            }
            """,
            """
            using EdgeDb;
            using MemoryPack;

            namespace Sample
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                partial class Thing
                {
                    [EdgeKey(0)]
                    public int Id { get; init; }
                }
            }
            """);
    }

    [Fact]
    public async Task EDB012_adds_partial_to_the_containing_type()
    {
        await Verifier<PartialTypeAnalyzer>.VerifyFixAsync<MakePartialCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            public static class {|EDB012:Outer|}
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] int Id);
            }
            """,
            """
            using EdgeDb;
            using MemoryPack;

            public static partial class Outer
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] int Id);
            }
            """);
    }

    [Fact]
    public async Task EDB005_sets_MaxLength_on_the_EdgeKey_attribute()
    {
        await Verifier<CollectionModelAnalyzer>.VerifyFixAsync<AddMaxLengthCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, Descending = true)] string {|EDB005:Name|}, [property: EdgeIndex] byte[] {|EDB005:Tag|});
            """,
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, Descending = true, MaxLength = 64)] string Name, [property: EdgeIndex(MaxLength = 64)] byte[] Tag);
            """,
            AddMaxLengthCodeFixProvider.NamedArgumentKey);
    }

    [Fact]
    public async Task EDB005_on_a_property_replaces_an_unset_MaxLength()
    {
        await Verifier<CollectionModelAnalyzer>.VerifyFixAsync<AddMaxLengthCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0, MaxLength = 0)]
                public string {|EDB005:Name|} { get; init; } = "";
            }
            """,
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0, MaxLength = 64)]
                public string Name { get; init; } = "";
            }
            """,
            AddMaxLengthCodeFixProvider.NamedArgumentKey);
    }

    [Fact]
    public async Task EDB005_alternative_adds_MaxLength_attribute_and_its_using()
    {
        await Verifier<CollectionModelAnalyzer>.VerifyFixAsync<AddMaxLengthCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0)] string {|EDB005:Name|});
            """,
            """
            using EdgeDb;
            using MemoryPack;
            using System.ComponentModel.DataAnnotations;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0), MaxLength(64)] string Name);
            """,
            AddMaxLengthCodeFixProvider.DataAnnotationsKey);
    }

    [Fact]
    public async Task EDB007_turns_set_into_init_keeping_its_modifier()
    {
        await Verifier<KeyMemberAnalyzer>.VerifyFixAsync<InitAccessorCodeFixProvider>(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int {|EDB007:Id|} { get; set; }

                [EdgeKey(1)]
                public int {|EDB007:Version|}
                {
                    get;
                    private set;
                }
            }
            """,
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeKey(1)]
                public int Version
                {
                    get;
                    private init;
                }
            }
            """);
    }

    [Fact]
    public async Task EDB007_no_fix_for_a_positional_record_struct()
    {
        const string source = """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("pairs")]
            public partial record struct Pair([property: EdgeKey(0)] int {|EDB007:Id|});
            """;
        await Verifier<KeyMemberAnalyzer>.VerifyFixAsync<InitAccessorCodeFixProvider>(source, source);
    }

    [Fact]
    public async Task EDB009_adds_MemoryPackable_above_the_attributes_and_the_using()
    {
        await Verifier<CollectionModelAnalyzer>.VerifyFixAsync<AddMemoryPackableCodeFixProvider>(
            """
            using EdgeDb;

            namespace Sample;

            /// <summary>A thing.</summary>
            [EdgeCollection("things")]
            public partial record {|EDB009:Thing|}([property: EdgeKey(0)] int Id);
            """,
            """
            using EdgeDb;
            using MemoryPack;

            namespace Sample;

            /// <summary>A thing.</summary>
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB009_keeps_an_existing_using_and_the_indentation()
    {
        await Verifier<CollectionModelAnalyzer>.VerifyFixAsync<AddMemoryPackableCodeFixProvider>(
            """
            namespace Sample
            {
                using EdgeDb;
                using MemoryPack;

                public partial class Outer
                {
                    [EdgeCollection("things")]
                    public partial record {|EDB009:Thing|}([property: EdgeKey(0)] int Id);
                }
            }
            """,
            """
            namespace Sample
            {
                using EdgeDb;
                using MemoryPack;

                public partial class Outer
                {
                    [MemoryPackable]
                    [EdgeCollection("things")]
                    public partial record Thing([property: EdgeKey(0)] int Id);
                }
            }
            """);
    }
}
