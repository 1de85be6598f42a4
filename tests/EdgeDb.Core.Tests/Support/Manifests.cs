using EdgeDb.Lsm;
using EdgeDb.Storage;

namespace EdgeDb.Tests.Support;

/// <summary>Reads a store's manifest the way the store does, for tests that check what it lists.</summary>
internal static class Manifests
{
    public static Manifest Read(string directory) =>
        Manifest.TryRead(new StoreDirectory(FileSystem.Os, directory)) ?? throw new InvalidOperationException($"'{directory}' has no MANIFEST.");
}
