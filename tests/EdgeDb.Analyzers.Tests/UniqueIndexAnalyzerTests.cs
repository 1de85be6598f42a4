using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.UniqueIndexAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB023 (a unique index holds null once) and EDB024 (a unique index on a bool holds two entities).</summary>
public class UniqueIndexAnalyzerTests
{
    private const string Usings = """
        #nullable enable
        using System;
        using EdgeDb;
        using MemoryPack;

        """;

    [Fact]
    public async Task EDB023_unique_nullable_string_and_nullable_value_type()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("people")]
                public partial record Person(
                    [property: EdgeKey(0)] int Id,
                    [property: {|#0:EdgeIndex(Unique = true, MaxLength = 64)|}] string? Email,
                    [property: {|#1:EdgeIndex(Unique = true)|}] Guid? Badge);
                """,
            Verify.Diagnostic("EDB023").WithLocation(0).WithArguments("Email"),
            Verify.Diagnostic("EDB023").WithLocation(1).WithArguments("Badge"));
    }

    [Fact]
    public async Task EDB024_unique_bool_and_nullable_bool()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("flags")]
                public partial class Flag
                {
                    [EdgeKey(0)]
                    public int Id { get; init; }

                    [{|#0:EdgeIndex(Unique = true)|}]
                    public bool Primary { get; init; }

                    [{|#1:EdgeIndex(Unique = true)|}]
                    public bool? Default { get; init; }
                }
                """,
            Verify.Diagnostic("EDB024").WithLocation(0).WithArguments("Primary", ""),
            Verify.Diagnostic("EDB024").WithLocation(1).WithArguments("Default", ", one null"));
    }

    [Fact]
    public async Task Near_miss_non_nullable_unique_members_an_ordinary_nullable_index_and_Unique_false()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("people")]
            public partial record Person(
                [property: EdgeKey(0)] int Id,
                [property: EdgeIndex(Unique = true, MaxLength = 64)] string Email,
                [property: EdgeIndex(Unique = true)] Guid Badge,
                [property: EdgeIndex(MaxLength = 16)] string? Nickname,
                [property: EdgeIndex] bool Active,
                [property: EdgeIndex(Unique = false)] int? Desk);
            """);
    }
}
