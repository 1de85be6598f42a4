namespace EdgeDb.Typed.Tests.Keys;

/// <summary>The two rules of docs/key-encoding.md for every key type, ascending and descending, on seeded random values and edge cases.</summary>
public class OrderPropertyTests
{
    public static TheoryData<string> Types => KeyTypeCases.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void Bytewise_order_equals_typed_order(string type)
    {
        KeyTypeCases.Get(type).CheckOrder(seed: 20261125, descending: false);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Descending_reverses_the_order(string type)
    {
        KeyTypeCases.Get(type).CheckOrder(seed: 7, descending: true);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Encoding_round_trips(string type)
    {
        KeyTypeCases.Get(type).CheckRoundTrip(seed: 42, descending: false);
        KeyTypeCases.Get(type).CheckRoundTrip(seed: 43, descending: true);
    }
}
