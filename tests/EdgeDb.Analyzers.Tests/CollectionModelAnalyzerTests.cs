using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.CollectionModelAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>The model reader's problems, reported where they are, and EDB006 against the configured key size limit.</summary>
public class CollectionModelAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using EdgeDb;
        using MemoryPack;

        """;

    [Fact]
    public async Task Clean_collection_draws_nothing()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("readings")]
            public partial record Reading(
                [property: EdgeKey(0, MaxLength = 64)] string DeviceId,
                [property: EdgeKey(1, Descending = true)] DateTimeOffset Timestamp,
                [property: EdgeIndex, MaxLength(16)] string Room,
                double Celsius);
            """);
    }

    [Fact]
    public async Task EDB002_no_key_member()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record {|EDB002:Thing|}(int Id, [property: EdgeIndex] int Size);
            """);
    }

    [Fact]
    public async Task EDB002_near_miss_key_declared_on_a_base_type()
    {
        await Verify.VerifyAsync(Usings + """
            public abstract class Entity
            {
                [EdgeKey(0)]
                public int Id { get; init; }
            }

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing : Entity
            {
            }
            """);
    }

    [Fact]
    public async Task EDB003_key_type_that_cannot_be_encoded_lists_what_can()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] Uri {|#0:Address|});
                """,
            Verify.Diagnostic("EDB003").WithLocation(0).WithArguments("Address", "System.Uri"));
    }

    [Fact]
    public async Task EDB003_near_miss_nullable_enum_and_int128_are_encodable()
    {
        await Verify.VerifyAsync(Usings + """
            public enum Kind : byte { A, B }

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0)] Kind? Kind, [property: EdgeKey(1)] Int128 Id, [property: EdgeKey(2)] byte[] {|EDB005:Raw|});
            """);
    }

    [Fact]
    public async Task EDB004_duplicate_order()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] int A, [property: EdgeKey(0)] int {|#0:B|});
                """,
            Verify.Diagnostic("EDB004").WithLocation(0).WithArguments("Thing", "A = 0, B = 0"));
    }

    [Fact]
    public async Task EDB004_gap_and_negative_orders()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("gap")]
                public partial record Gap([property: EdgeKey(0)] int A, [property: EdgeKey(2)] int {|#0:B|});

                [MemoryPackable]
                [EdgeCollection("negative")]
                public partial record Negative([property: EdgeKey(-1)] int {|#1:A|}, [property: EdgeKey(0)] int B);
                """,
            Verify.Diagnostic("EDB004").WithLocation(0).WithArguments("Gap", "A = 0, B = 2"),
            Verify.Diagnostic("EDB004").WithLocation(1).WithArguments("Negative", "A = -1, B = 0"));
    }

    [Fact]
    public async Task EDB004_near_miss_orders_in_any_declaration_order()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(2)] int C, [property: EdgeKey(0)] int A, [property: EdgeKey(1)] int B);
            """);
    }

    [Fact]
    public async Task EDB005_unbounded_string_and_byte_array()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] string {|#0:Name|}, [property: EdgeIndex] byte[] {|#1:Tag|});
                """,
            Verify.Diagnostic("EDB005").WithLocation(0).WithArguments("Name", "string"),
            Verify.Diagnostic("EDB005").WithLocation(1).WithArguments("Tag", "byte[]"));
    }

    [Fact]
    public async Task EDB005_near_miss_either_bound_counts()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, MaxLength = 8)] string Name, [property: EdgeKey(1), MaxLength(4)] byte[] Tag);
            """);
    }

    [Fact]
    public async Task EDB006_key_over_the_default_1_KiB()
    {
        // 5 (prefix) + 3 * 340 + 2 = 1027 bytes.
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record {|#0:Thing|}([property: EdgeKey(0, MaxLength = 340)] string Name);
                """,
            Verify.Diagnostic("EDB006").WithLocation(0).WithArguments("Thing", "1027", "1024"));
    }

    [Fact]
    public async Task EDB006_near_miss_key_of_exactly_1_KiB()
    {
        // 5 + 3 * 339 + 2 = 1024 bytes.
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0, MaxLength = 339)] string Name);
            """);
    }

    [Fact]
    public async Task EDB006_counts_index_entries_which_carry_the_key_parts_too()
    {
        // Entity key 5 + 4 = 9; index entry 9 + (3 * 400 + 2) = 1211.
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record {|#0:Thing|}([property: EdgeKey(0)] int Id, [property: EdgeIndex(MaxLength = 400)] string Note);
                """,
            Verify.Diagnostic("EDB006").WithLocation(0).WithArguments("Thing", "1211", "1024"));
    }

    [Fact]
    public async Task EDB006_limit_comes_from_the_EdgeDbMaxKeySize_build_property()
    {
        const string source = Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record {|#0:Thing|}([property: EdgeKey(0, MaxLength = 340)] string Name);
            """;

        // Raised: the 1027-byte key fits.
        await Verify.VerifyAsync(source.Replace("{|#0:Thing|}", "Thing", StringComparison.Ordinal), "build_property.EdgeDbMaxKeySize = 2048");

        // Lowered: a smaller limit is checked.
        await Verify.VerifyAsync(source, "build_property.EdgeDbMaxKeySize = 512", Verify.Diagnostic("EDB006").WithLocation(0).WithArguments("Thing", "1027", "512"));

        // Not a valid limit: the default applies.
        await Verify.VerifyAsync(source, "build_property.EdgeDbMaxKeySize = lots", Verify.Diagnostic("EDB006").WithLocation(0).WithArguments("Thing", "1027", "1024"));
    }

    [Fact]
    public async Task EDB009_not_memory_packable()
    {
        await Verify.VerifyAsync(Usings + """
            [EdgeCollection("things")]
            public partial record {|EDB009:Thing|}([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB009_near_miss_fully_qualified_attribute()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPack.MemoryPackable(MemoryPack.GenerateType.VersionTolerant)]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0), MemoryPackOrder(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB010_index_type_that_cannot_be_indexed()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("things")]
                public partial record Thing([property: EdgeKey(0)] int Id, [property: EdgeIndex] int[] {|#0:Tags|});
                """,
            Verify.Diagnostic("EDB010").WithLocation(0).WithArguments("Tags", "int[]"));
    }

    [Fact]
    public async Task EDB010_near_miss_indexed_guid()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0)] int Id, [property: EdgeIndex] Guid Owner);
            """);
    }

    [Fact]
    public async Task EDB013_generic_collection()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record {|EDB013:Thing|}<T>([property: EdgeKey(0)] int Id, T Value);
            """);
    }

    [Fact]
    public async Task EDB013_near_miss_generic_base_type()
    {
        await Verify.VerifyAsync(Usings + """
            public abstract record Entity<T>(T Value);

            [MemoryPackable]
            [EdgeCollection("things")]
            public partial record Thing([property: EdgeKey(0)] int Id, string Value) : Entity<string>(Value);
            """);
    }

    [Fact]
    public async Task EDB014_private_nested_collection()
    {
        await Verify.VerifyAsync(Usings + """
            public partial class Outer
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                private partial record {|EDB014:Thing|}([property: EdgeKey(0)] int Id);
            }
            """);
    }

    [Fact]
    public async Task EDB014_near_miss_internal_nested_collection()
    {
        await Verify.VerifyAsync(Usings + """
            public partial class Outer
            {
                [MemoryPackable]
                [EdgeCollection("things")]
                internal partial record Thing([property: EdgeKey(0)] int Id);
            }
            """);
    }

    [Fact]
    public async Task EDB015_key_on_a_static_property_and_an_index_without_a_public_getter()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { get; init; }

                [EdgeKey(1)]
                public static int {|EDB015:Shared|} { get; set; }

                [EdgeIndex]
                public int {|EDB015:Hidden|} { private get; init; }
            }
            """);
    }

    [Fact]
    public async Task EDB015_near_miss_internal_getter_is_readable()
    {
        // Readable by the generated code, so not EDB015 (MemoryPack's view of it is EDB017's).
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("things")]
            public partial class Thing
            {
                [EdgeKey(0)]
                public int Id { internal get; init; }
            }
            """);
    }

    [Fact]
    public async Task EDB019_empty_blank_and_slashed_collection_names()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection({|#0:""|})]
                public partial record Empty([property: EdgeKey(0)] int Id);

                [MemoryPackable]
                [EdgeCollection({|#1:"  "|})]
                public partial record Blank([property: EdgeKey(0)] int Id);

                [MemoryPackable]
                [EdgeCollection({|#2:"a/b"|})]
                public partial record Slashed([property: EdgeKey(0)] int Id);
                """,
            Verify.Diagnostic("EDB019").WithLocation(0).WithArguments("", "Empty"),
            Verify.Diagnostic("EDB019").WithLocation(1).WithArguments("  ", "Blank"),
            Verify.Diagnostic("EDB019").WithLocation(2).WithArguments("a/b", "Slashed"));
    }

    [Fact]
    public async Task EDB019_near_miss_names_with_dots_dashes_and_unicode()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("sensor.readings-v2.überall")]
            public partial record Thing([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB025_time_to_live_on_a_wrong_type_without_a_span_and_twice()
    {
        await Verify.VerifyAsync(
            Usings + """
                [MemoryPackable]
                [EdgeCollection("sessions")]
                public partial record Session([property: EdgeKey(0)] int Id, [property: EdgeTimeToLive(Hours = 8)] long {|#0:StartedAt|});

                [MemoryPackable]
                [EdgeCollection("tokens")]
                public partial record Token([property: EdgeKey(0)] int Id, [property: EdgeTimeToLive] System.DateTimeOffset {|#1:IssuedAt|});

                [MemoryPackable]
                [EdgeCollection("visits")]
                public partial record Visit(
                    [property: EdgeKey(0)] int Id,
                    [property: EdgeTimeToLive(Days = 1)] System.DateTimeOffset Arrived,
                    [property: EdgeTimeToLive(Days = 2)] System.DateTime? {|#2:Left|});
                """,
            Verify.Diagnostic("EDB025").WithLocation(0).WithArguments("StartedAt", "its type is 'long'; it must be a DateTimeOffset or DateTime (or nullable)"),
            Verify.Diagnostic("EDB025").WithLocation(1).WithArguments("IssuedAt", "its span is not positive; set Days, Hours, Minutes or Seconds"),
            Verify.Diagnostic("EDB025").WithLocation(2).WithArguments("Left", "'Arrived' already gives the collection its expiry; an entity has one"));
    }

    [Fact]
    public async Task EDB025_near_miss_DateTimeOffset_nullable_DateTime_and_a_summed_span()
    {
        await Verify.VerifyAsync(Usings + """
            [MemoryPackable]
            [EdgeCollection("sessions")]
            public partial record Session([property: EdgeKey(0)] int Id, [property: EdgeTimeToLive(Hours = 8)] System.DateTimeOffset StartedAt);

            [MemoryPackable]
            [EdgeCollection("tokens")]
            public partial record Token([property: EdgeKey(0)] int Id, [property: EdgeTimeToLive(Minutes = -5, Seconds = 360)] System.DateTime? IssuedAt);
            """);
    }
}
