using System.ComponentModel;

namespace EdgeDb.Internal;

/// <summary>
/// When an entity of a collection with <see cref="EdgeTimeToLiveAttribute"/> expires: its member's instant plus the span,
/// held at <see cref="DateTimeOffset.MaxValue"/> (never, in practice) when the sum would overflow. For generated
/// repositories: hidden from completion lists.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExpiryTime
{
    /// <summary>The expiry of an entity whose member holds <paramref name="instant"/>.</summary>
    public static DateTimeOffset After(DateTimeOffset instant, long spanTicks) =>
        instant.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - spanTicks ? DateTimeOffset.MaxValue : instant.AddTicks(spanTicks);

    /// <summary>The expiry of an entity whose member holds <paramref name="instant"/> (Unspecified kind is taken as UTC).</summary>
    public static DateTimeOffset After(DateTime instant, long spanTicks) =>
        After(instant.Kind == DateTimeKind.Local ? new DateTimeOffset(instant) : new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)), spanTicks);
}
