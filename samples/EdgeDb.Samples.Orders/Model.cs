using EdgeDb;
using MemoryPack;

namespace EdgeDb.Samples.Orders;

/// <summary>A customer of the shop: one account per email address.</summary>
[MemoryPackable]
[EdgeCollection("customers")]
public partial record Customer(
    [property: EdgeKey(0)] int Id,
    [property: EdgeIndex(Unique = true, MaxLength = 128)] string Email,
    string Name,
    int OrdersPlaced);

/// <summary>An order, kept under its customer so one customer's orders scan in number order.</summary>
[MemoryPackable]
[EdgeCollection("orders")]
public partial record Order(
    [property: EdgeKey(0)] int CustomerId,
    [property: EdgeKey(1)] int Number,
    [property: EdgeIndex(MaxLength = 16)] string Status,
    decimal Total);
