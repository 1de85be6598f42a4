using System.Buffers.Binary;

namespace EdgeDb.Format;

/// <summary>
/// Versions that expire (docs/wal-format.md, "Expiring puts"): kind <see cref="EntryKind.PutExpiring"/>, whose
/// stored value is the expiry (u64 UTC ticks) followed by the user's value. What every read path asks of a version
/// is <c>TryVisible</c>; it reads the clock only for an expiring version, so others pay nothing.
/// </summary>
internal static class Expiry
{
    public const int Size = 8;

    /// <summary>The stored value of an expiring put: the expiry, then <paramref name="value"/>.</summary>
    public static byte[] Stored(ReadOnlySpan<byte> value, DateTimeOffset expiresAt)
    {
        var stored = new byte[Size + value.Length];
        BinaryPrimitives.WriteInt64LittleEndian(stored, expiresAt.UtcTicks);
        value.CopyTo(stored.AsSpan(Size));
        return stored;
    }

    /// <summary>Whether a version of <paramref name="kind"/> with <paramref name="stored"/> bytes is readable now, and its user value.</summary>
    public static bool TryVisible(EntryKind kind, ReadOnlySpan<byte> stored, TimeProvider clock, out ReadOnlySpan<byte> value)
    {
        switch (kind)
        {
            case EntryKind.Put:
                value = stored;
                return true;
            case EntryKind.PutExpiring when !IsExpired(stored, clock):
                value = stored[Size..];
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary><c>TryVisible</c> for memory a reader hands on (a scan's values).</summary>
    public static bool TryVisible(EntryKind kind, ReadOnlyMemory<byte> stored, TimeProvider clock, out ReadOnlyMemory<byte> value)
    {
        if (TryVisible(kind, stored.Span, clock, out var span))
        {
            value = stored[(stored.Length - span.Length)..];
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Whether a version reads as absent now: a delete, or an expiring put past its expiry.</summary>
    public static bool IsGone(EntryKind kind, ReadOnlySpan<byte> stored, TimeProvider clock) =>
        kind == EntryKind.Delete || (kind == EntryKind.PutExpiring && IsExpired(stored, clock));

    private static bool IsExpired(ReadOnlySpan<byte> stored, TimeProvider clock) =>
        clock.GetUtcNow().UtcTicks >= BinaryPrimitives.ReadInt64LittleEndian(stored);
}
