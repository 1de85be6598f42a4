using EdgeDb.Storage;

namespace EdgeDb.Tests.Storage;

public sealed class StoreFileNamesTests
{
    [Fact]
    public void Numbered_names_are_decimal_with_at_least_eight_digits()
    {
        Assert.Equal("00000042.sst", StoreFileNames.Table(42));
        Assert.Equal("123456789.sst", StoreFileNames.Table(123456789));
        Assert.Equal("00000007.wal", StoreFileNames.Segment(7));
        Assert.Equal("00000007.wal.tmp", StoreFileNames.Temp(StoreFileNames.Segment(7)));
        Assert.Equal("MANIFEST.tmp", StoreFileNames.ManifestTemp);
    }

    [Theory]
    [InlineData("00000001.wal", "Segment", 1ul)]
    [InlineData("123456789012.wal", "Segment", 123456789012ul)]
    [InlineData("00000042.sst", "Table", 42ul)]
    [InlineData("123456789.sst", "Table", 123456789ul)]
    [InlineData("00000003.wal.tmp", "SegmentTemp", 3ul)]
    [InlineData("MANIFEST", "Manifest", 0ul)]
    [InlineData("MANIFEST.tmp", "ManifestTemp", 0ul)]
    [InlineData("LOCK", "Lock", 0ul)]
    [InlineData("0000001.wal", "Foreign", 0ul)]
    [InlineData("00000000.wal", "Foreign", 0ul)]
    [InlineData("0000000a.wal", "Foreign", 0ul)]
    [InlineData("012345678.sst", "Foreign", 0ul)]
    [InlineData("0000004x.sst", "Foreign", 0ul)]
    [InlineData("00000042.sst.tmp", "Foreign", 0ul)]
    [InlineData("00000001.log", "Foreign", 0ul)]
    [InlineData("manifest", "Foreign", 0ul)]
    [InlineData("notes.txt", "Foreign", 0ul)]
    public void Names_parse_back_to_their_kind_and_number(string name, string kind, ulong number)
    {
        Assert.Equal(Enum.Parse<StoreFileKind>(kind), StoreFileNames.Parse(name, out var parsed));
        Assert.Equal(number, parsed);
    }
}
