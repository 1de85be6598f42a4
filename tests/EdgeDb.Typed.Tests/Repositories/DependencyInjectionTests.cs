using EdgeDb.Typed.Tests.Model;
using EdgeDb.Typed.Tests.Model.Nested.Deeper;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDb.Typed.Tests.Repositories;

/// <summary>The generated <c>AddEdgeDb</c>: the store and every repository of this assembly, as singletons.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Add_edge_db_registers_the_store_and_every_repository()
    {
        var services = new ServiceCollection();
        services.AddEdgeDb(_directory.Path, options => options.Durability = Durability.Synced);
        using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
        {
            var store = provider.GetRequiredService<EdgeStore>();
            Assert.Same(store, provider.GetRequiredService<EdgeStore>());
            Assert.Same(provider.GetRequiredService<OrderRepository>(), provider.GetRequiredService<OrderRepository>());
            Assert.Same(store, provider.GetRequiredService<SensorReadingRepository>().Store);
            Assert.NotNull(provider.GetRequiredService<TagRepository>());
            Assert.NotNull(provider.GetRequiredService<EverythingRepository>());

            provider.GetRequiredService<SensorReadingRepository>().Put(new SensorReading("dev1", DateTimeOffset.UnixEpoch, 20));
        }

        // Disposing the container disposed the store: the directory opens again and holds the write.
        using var reopened = EdgeStore.Open(_directory.Path);
        Assert.True(new SensorReadingRepository(reopened).Contains("dev1", DateTimeOffset.UnixEpoch));
    }
}
