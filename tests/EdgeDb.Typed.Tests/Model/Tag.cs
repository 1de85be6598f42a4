using System.ComponentModel.DataAnnotations;
using MemoryPack;

namespace EdgeDb.Typed.Tests.Model
{
    /// <summary>A single-part key in a block-scoped namespace, with an enum index.</summary>
    [MemoryPackable]
    [EdgeCollection("tags")]
    public partial record struct Tag([property: EdgeKey(0), MaxLength(40)] string Name, [property: EdgeIndex] Colour Colour);
}
