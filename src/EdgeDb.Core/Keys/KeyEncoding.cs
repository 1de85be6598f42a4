using System.ComponentModel;

namespace EdgeDb.Internal;

/// <summary>
/// The sizes of part encodings (docs/key-encoding.md), for sizing key buffers. The generator computes the
/// same numbers at compile time; the tests check both against what <see cref="KeyWriter"/> writes. Hidden from
/// completion lists, like the rest of the encoding runtime.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KeyEncoding
{
    /// <summary>The bytes of a <see cref="decimal"/> part.</summary>
    public const int DecimalLength = 26;

    /// <summary>The bytes of a <see cref="DateTime"/> part (ticks, then kind).</summary>
    public const int DateTimeLength = 9;

    /// <summary>The bytes of a <see cref="DateTimeOffset"/> part (UTC ticks, then offset minutes).</summary>
    public const int DateTimeOffsetLength = 10;

    /// <summary>The most bytes a string of at most <paramref name="maxLength"/> UTF-16 code units encodes to.</summary>
    public static int MaxStringLength(int maxLength) => checked((3 * maxLength) + 2);

    /// <summary>The most bytes a byte array of at most <paramref name="maxLength"/> bytes encodes to.</summary>
    public static int MaxBytesLength(int maxLength) => checked((2 * maxLength) + 2);
}
