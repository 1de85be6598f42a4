namespace EdgeDb.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, EdgeDb.Wal.Crc32C.Compute("123456789"u8));
    }
}
