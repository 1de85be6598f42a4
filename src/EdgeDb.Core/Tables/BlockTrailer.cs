using System.Buffers.Binary;
using System.IO.Hashing;
using EdgeDb.Format;

namespace EdgeDb.Tables;

/// <summary>The 5-byte trailer after every block: compression type, then CRC32C of the stored bytes and the type.</summary>
internal static class BlockTrailer
{
    public static void Write(Span<byte> destination, ReadOnlySpan<byte> stored, TableCompression type, Crc32 crc)
    {
        destination[0] = (byte)type;
        crc.Reset();
        crc.Append(stored);
        crc.Append(destination[..1]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], crc.GetCurrentHashAsUInt32());
    }

    /// <summary>True when <paramref name="storedAndTrailer"/> (stored bytes then trailer) passes its CRC.</summary>
    public static bool Verify(ReadOnlySpan<byte> storedAndTrailer, out TableCompression type)
    {
        var trailerAt = storedAndTrailer.Length - TableFormat.TrailerSize;
        type = (TableCompression)storedAndTrailer[trailerAt];
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(storedAndTrailer[(trailerAt + 1)..]);
        return Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, storedAndTrailer[..(trailerAt + 1)]) == expected;
    }

    public static Crc32 CreateCrc() => new(Crc32ParameterSet.Crc32C);
}
