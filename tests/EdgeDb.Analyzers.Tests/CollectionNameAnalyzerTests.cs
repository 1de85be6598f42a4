using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.CollectionNameAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB008 (two collections, one name) and EDB021 (two keyspace names, one prefix), found at compilation end.</summary>
public class CollectionNameAnalyzerTests
{
    [Fact]
    public async Task EDB008_two_collections_share_a_name_across_files()
    {
        var test = new[]
        {
            """
            using EdgeDb;
            using MemoryPack;

            namespace A;

            [MemoryPackable]
            [EdgeCollection("readings")]
            public partial record Reading([property: EdgeKey(0)] int Id);
            """,
            """
            using EdgeDb;
            using MemoryPack;

            namespace B;

            [MemoryPackable]
            [EdgeCollection({|#0:"readings"|})]
            public partial record Reading([property: EdgeKey(0)] long Id);
            """,
        };
        await Verify.VerifySourcesAsync(test, Verify.Diagnostic("EDB008").WithLocation(0).WithArguments("readings", "B.Reading", "A.Reading"));
    }

    [Fact]
    public async Task EDB008_near_miss_names_differing_in_case_only()
    {
        // Names are ordinal (their UTF-8 bytes are hashed), so these are two keyspaces.
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("readings")]
            public partial record Reading([property: EdgeKey(0)] int Id);

            [MemoryPackable]
            [EdgeCollection("Readings")]
            public partial record OtherReading([property: EdgeKey(0)] int Id);
            """);
    }

    [Fact]
    public async Task EDB021_names_whose_prefixes_collide()
    {
        // FNV-1a-32("glbvs") == FNV-1a-32("yacxa") == A1BC9A4F.
        await Verify.VerifyAsync(
            """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("glbvs")]
            public partial record First([property: EdgeKey(0)] int Id);

            [MemoryPackable]
            [EdgeCollection({|#0:"yacxa"|})]
            public partial record Second([property: EdgeKey(0)] int Id);
            """,
            Verify.Diagnostic("EDB021").WithLocation(0).WithArguments("glbvs", "yacxa", "01 A1 BC 9A 4F"));
    }

    [Fact]
    public async Task EDB021_near_miss_collection_and_index_names_that_differ()
    {
        await Verify.VerifyAsync("""
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("glbvs")]
            public partial record First([property: EdgeKey(0)] int Id, [property: EdgeIndex] int Size);

            [MemoryPackable]
            [EdgeCollection("glbvs2")]
            public partial record Second([property: EdgeKey(0)] int Id, [property: EdgeIndex] int Size);
            """);
    }
}
