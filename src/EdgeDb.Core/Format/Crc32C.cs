using System.IO.Hashing;

namespace EdgeDb.Format;

/// <summary>CRC32C (Castagnoli), the checksum of every WAL header and record, table block and footer, and manifest.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, data);
}
