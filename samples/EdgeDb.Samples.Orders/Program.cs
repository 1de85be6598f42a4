using EdgeDb;
using EdgeDb.Samples.Orders;

// A shop's till saving orders with their customers: every unit of work is one transaction over two collections,
// with the indexes kept in the same commit, a unique email per customer, and a consistent report read at a
// snapshot while the tills keep writing (docs/transactions.md).
var directory = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "edgedb-orders-sample");
if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

using var store = EdgeStore.Open(directory);
var customers = new CustomerRepository(store);
var orders = new OrderRepository(store);

// A new customer and their first order: both or neither.
using (var tx = store.BeginTransaction())
{
    customers.Put(tx, new Customer(1, "ada@example.com", "Ada", OrdersPlaced: 1));
    orders.Put(tx, new Order(1, 1, "open", 42.50m));
    tx.Commit();
}

// A second sign-up with the same email is refused before anything is written.
try
{
    customers.Put(new Customer(2, "ada@example.com", "Someone else", 0));
}
catch (EdgeUniqueConstraintException error)
{
    Console.WriteLine($"refused: {error.Message}");
}

// Four tills place orders for the same customer at once. Each reads the customer's order count and writes the
// next order with it, so two tills that read the same count conflict at commit and the loser runs again.
var conflicts = 0;
var tills = Enumerable.Range(0, 4).Select(till => Task.Run(() =>
{
    for (var sale = 0; sale < 25; sale++)
    {
        while (true)
        {
            using var tx = store.BeginTransaction();
            var view = customers.At(tx);
            var customer = view.Get(1);
            var number = customer.OrdersPlaced + 1;
            orders.Put(tx, new Order(1, number, "open", 10m + till));
            customers.Put(tx, customer with { OrdersPlaced = number });
            try
            {
                tx.Commit();
                break;
            }
            catch (EdgeTransactionConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        }
    }
})).ToArray();

// Meanwhile, a report at a snapshot: the customer's count and their orders always agree, however the tills interleave.
var reports = 0;
var allSales = Task.WhenAll(tills);
while (!allSales.IsCompleted)
{
    using var snapshot = store.GetSnapshot();
    var placed = customers.At(snapshot).Get(1).OrdersPlaced;
    var listed = orders.At(snapshot).ScanByCustomerId(1).Count();
    if (placed != listed)
    {
        throw new InvalidOperationException($"A snapshot saw {placed} orders counted but {listed} stored.");
    }

    reports++;
}

await allSales;

// Ship the first ten orders in one transaction: the status index moves with each order in the same commit.
using (var tx = store.BeginTransaction())
{
    foreach (var order in orders.At(tx).ScanByCustomerId(1).Take(10))
    {
        orders.Put(tx, order with { Status = "shipped" });
    }

    tx.Commit();
}

Console.WriteLine($"orders: {orders.ScanByCustomerId(1).Count()} for {customers.GetByEmail("ada@example.com").Name}, " +
    $"{orders.FindByStatus("open").Count()} open, {orders.FindByStatus("shipped").Count()} shipped");
Console.WriteLine($"tills: 100 sales with {conflicts} conflicts retried; {reports} consistent snapshot reports");
