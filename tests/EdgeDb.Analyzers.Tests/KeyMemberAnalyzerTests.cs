using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.KeyMemberAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB007 (a key that can change), EDB017 (a member MemoryPack does not store), EDB018 (DateTime keeps its Kind).</summary>
public class KeyMemberAnalyzerTests
{
    private const string Usings = """
        using System;
        using EdgeDb;
        using MemoryPack;

        """;

    [Fact]
    public async Task EDB007_settable_key_property_and_positional_record_struct()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial class Thing
                {
                    [EdgeKey(0)]
                    public int {|#0:Id|} { get; set; }

                    [EdgeKey(1)]
                    public int {|#1:Version|} { get; private set; }
                }

                [MemoryPackable]
                [EdgeCollection("pairs")]
                public partial record struct Pair([property: EdgeKey(0)] int {|#2:Id|});
                """,
            Verify.Diagnostic("EDB007").WithLocation(0).WithArguments("Id"),
            Verify.Diagnostic("EDB007").WithLocation(1).WithArguments("Version"),
            Verify.Diagnostic("EDB007").WithLocation(2).WithArguments("Id"));
    }

    [Fact]
    public async Task EDB007_near_miss_init_get_only_positional_record_and_settable_index()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeKey(1)]
                public int Version { get; }

                [EdgeIndex]
                public int Size { get; set; }
            }

            [MemoryPackable]
            [EdgeCollection("pairs")]
            public readonly partial record struct Pair([property: EdgeKey(0)] int Id);

            [MemoryPackable]
            [EdgeCollection("records")]
            public partial record Row([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB017_ignored_and_internal_key_members()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial class Thing
                {
                    [EdgeKey(0), MemoryPackIgnore]
                    public int {|#0:Id|} { get; init; }

                    [EdgeIndex]
                    internal int {|#1:Size|} { get; init; }
                }
                """,
            Verify.Diagnostic("EDB017").WithLocation(0).WithArguments("Id", "it is marked [MemoryPackIgnore]"),
            Verify.Diagnostic("EDB017").WithLocation(1).WithArguments("Size", "it is not public"));
    }

    [Fact]
    public async Task EDB017_near_miss_internal_member_with_MemoryPackInclude()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeIndex, MemoryPackInclude]
                internal int Size { get; init; }

                [MemoryPackIgnore]
                public int Cached { get; set; }
            }
            """);
    }

    [Fact]
    public async Task EDB018_datetime_key_and_nullable_datetime_index()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("events")]
                public partial record Event([property: EdgeKey(0)] DateTime {|#0:At|}, [property: EdgeIndex] DateTime? {|#1:Seen|});
                """,
            Verify.Diagnostic("EDB018").WithLocation(0).WithArguments("At"),
            Verify.Diagnostic("EDB018").WithLocation(1).WithArguments("Seen"));
    }

    [Fact]
    public async Task EDB018_near_miss_DateTimeOffset_key_and_unkeyed_DateTime()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("events")]
            public partial record Event([property: EdgeKey(0)] DateTimeOffset At, DateTime Logged);
            """);
    }
}
