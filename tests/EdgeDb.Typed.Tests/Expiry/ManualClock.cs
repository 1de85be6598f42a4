namespace EdgeDb.Typed.Tests.Expiry;

/// <summary>A clock the test moves by hand, as EdgeStoreOptions.TimeProvider.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
