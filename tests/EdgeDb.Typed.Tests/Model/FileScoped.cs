using System.ComponentModel.DataAnnotations;
using MemoryPack;

namespace EdgeDb.Typed.Tests.Model.Nested.Deeper;

/// <summary>Every kind of key part in one key, in a nested, file-scoped namespace.</summary>
[MemoryPackable]
[EdgeCollection("everything")]
internal partial record Everything(
    [property: EdgeKey(0)] bool Flag,
    [property: EdgeKey(1)] sbyte Small,
    [property: EdgeKey(2)] ushort Port,
    [property: EdgeKey(3)] char Letter,
    [property: EdgeKey(4)] uint Count,
    [property: EdgeKey(5)] ulong Big,
    [property: EdgeKey(6)] Int128 Huge,
    [property: EdgeKey(7)] UInt128 HugeUnsigned,
    [property: EdgeKey(8)] float Ratio,
    [property: EdgeKey(9)] decimal Amount,
    [property: EdgeKey(10)] Guid Id,
    [property: EdgeKey(11)] DateTime At,
    [property: EdgeKey(12)] DateOnly Day,
    [property: EdgeKey(13)] TimeOnly Time,
    [property: EdgeKey(14)] TimeSpan Duration,
    [property: EdgeKey(15)] Colour Colour,
    [property: EdgeKey(16), MaxLength(8)] byte[] Blob,
    [property: EdgeKey(17)] Guid? MaybeId,
    [property: EdgeKey(18, Descending = true)] short Rank,
    [property: EdgeKey(19)] byte Tiny,
    string Note);
