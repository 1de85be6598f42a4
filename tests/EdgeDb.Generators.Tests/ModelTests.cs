using EdgeDb.SourceModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeDb.Generators.Tests;

/// <summary>The shared model reader: what it reads, and the problems it records for what cannot be served.</summary>
public class ModelTests
{
    [Fact]
    public void Reads_keys_in_order_with_their_encoding_facts()
    {
        var model = Read(Sources.Readings, "Sample.Telemetry.SensorReading");
        Assert.True(model.CanGenerate);
        Assert.Equal("readings", model.CollectionName);
        Assert.Equal("public", model.Accessibility);
        Assert.Equal(["DeviceId", "Timestamp"], model.Keys.Select(k => k.Name));
        Assert.Equal(KeyKind.String, model.Keys[0].Kind);
        Assert.Equal(64, model.Keys[0].MaxLength);
        Assert.True(model.Keys[1].Descending);
        Assert.Equal("Room", Assert.Single(model.Indexes).Name);
        Assert.Equal(5 + 194 + 10, model.MaxEncodedLength);
    }

    [Fact]
    public void Max_length_on_the_edge_attributes_bounds_like_MaxLengthAttribute()
    {
        const string source = """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("aot")]
            public partial record Aot([property: EdgeKey(0, MaxLength = 12)] string Id, [property: EdgeIndex(MaxLength = 3)] byte[] Tag);
            """;
        var model = Read(source, "Aot");
        Assert.True(model.CanGenerate);
        Assert.Equal(12, model.Keys[0].MaxLength);
        Assert.Equal(3, model.Indexes[0].MaxLength);
    }

    [Fact]
    public void Models_of_the_same_source_are_equal()
    {
        Assert.Equal(Read(Sources.Readings, "Sample.Telemetry.SensorReading"), Read(Sources.Readings, "Sample.Telemetry.SensorReading"));
    }

    [Fact]
    public void Unservable_collections_carry_problems_and_generate_nothing()
    {
        var broken = Read(Sources.Unservable, "Sample.Broken.Broken");
        Assert.False(broken.CanGenerate);
        Assert.Equal(["EDB003", "EDB004", "EDB005"], broken.Problems.Select(p => p.Id).Order());
        Assert.Contains(broken.Problems, p => p.MemberName == "Name" && p.Message.Contains("[MaxLength(n)]", StringComparison.Ordinal));

        var bare = Read(Sources.Unservable, "Sample.Broken.NoKeyNoPack");
        Assert.Equal(["EDB002", "EDB009", "EDB019"], bare.Problems.Select(p => p.Id).Order());

        var compilation = Compilations.Create(true, Sources.Unservable);
        var result = CSharpGeneratorDriver.Create(new EdgeCollectionGenerator()).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Duplicate_orders_and_inaccessible_types_are_problems()
    {
        const string source = """
            using EdgeDb;
            using MemoryPack;

            public partial class Outer
            {
                [MemoryPackable]
                [EdgeCollection("hidden")]
                private partial record Hidden([property: EdgeKey(0)] int A, [property: EdgeKey(0)] int B, [property: EdgeKey(-1)] int C);
            }
            """;
        var model = Read(source, "Outer+Hidden");
        Assert.Equal(["EDB004", "EDB014"], model.Problems.Select(p => p.Id).Order());
    }

    [Fact]
    public void Order_gaps_bad_index_types_and_slashed_names_are_blocking_problems()
    {
        const string source = """
            using EdgeDb;
            using MemoryPack;

            [MemoryPackable]
            [EdgeCollection("a/b")]
            public partial record Gappy([property: EdgeKey(0)] int A, [property: EdgeKey(2)] int B, [property: EdgeIndex] object Other);
            """;
        var model = Read(source, "Gappy");
        Assert.Equal(["EDB004", "EDB010", "EDB019"], model.Problems.Select(p => p.Id).Order());
        Assert.Equal("B", model.Problems.Single(p => p.Id == "EDB004").MemberName);
        Assert.Equal("The key parts of 'Gappy' are numbered A = 0, B = 2: number them 0, 1, 2, ... with [EdgeKey(order)], each order once and none skipped", model.Problems.Single(p => p.Id == "EDB004").Message);
        Assert.False(model.CanGenerate);
    }

    [Fact]
    public void No_registration_without_the_di_abstractions()
    {
        var compilation = Compilations.Create(false, Sources.Readings);
        var result = CSharpGeneratorDriver.Create(new EdgeCollectionGenerator()).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();
        Assert.Equal(["Sample.Telemetry.SensorReading.EdgeDb.g.cs"], result.Results.Single().GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void Every_supported_key_type_is_classified()
    {
        const string source = """
            using System;
            public enum E : short { A }
            public class Holder
            {
                public bool P0 { get; } public byte P1 { get; } public sbyte P2 { get; } public short P3 { get; } public ushort P4 { get; }
                public char P5 { get; } public int P6 { get; } public uint P7 { get; } public long P8 { get; } public ulong P9 { get; }
                public Int128 P10 { get; } public UInt128 P11 { get; } public float P12 { get; } public double P13 { get; } public decimal P14 { get; }
                public Guid P15 { get; } public DateTime P16 { get; } public DateTimeOffset P17 { get; } public DateOnly P18 { get; } public TimeOnly P19 { get; }
                public TimeSpan P20 { get; } public string P21 { get; } = ""; public byte[] P22 { get; } = []; public E? P23 { get; } public object P24 { get; } = new();
            }
            """;
        var compilation = Compilations.Create(true, source);
        var holder = compilation.GetTypeByMetadataName("Holder")!;
        var kinds = Enumerable.Range(0, 24).Select(i =>
        {
            Assert.True(KeyTypes.TryClassify(((IPropertySymbol)holder.GetMembers("P" + i).Single()).Type, out var kind, out var nullable, out var enumType), "P" + i);
            return (kind, nullable, enumType);
        }).ToList();
        Assert.Equal(Enum.GetValues<KeyKind>(), kinds.Take(23).Select(k => k.kind));
        Assert.Equal((KeyKind.Int16, true, "global::E"), kinds[23]);
        Assert.False(KeyTypes.TryClassify(((IPropertySymbol)holder.GetMembers("P24").Single()).Type, out _, out _, out _));
    }

    private static CollectionModel Read(string source, string metadataName)
    {
        var compilation = Compilations.Create(true, source);
        var type = compilation.GetTypeByMetadataName(metadataName)!;
        return CollectionModelReader.Read(type, CancellationToken.None)!;
    }
}
