namespace EdgeDb;

/// <summary>
/// Makes a <c>[MemoryPackable]</c> class, record or struct a collection of an <see cref="EdgeStore"/>: the EdgeDb
/// source generator emits its key type (<c>{Type}Key</c>) and its repository (<c>{Type}Repository</c>).
/// Mark the key members with <see cref="EdgeKeyAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class EdgeCollectionAttribute : Attribute
{
    /// <summary>Names the collection. The name fixes where its data lives (docs/key-encoding.md): renaming it moves the collection.</summary>
    public EdgeCollectionAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The collection's name, unique within a store.</summary>
    public string Name { get; }
}
