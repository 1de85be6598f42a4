using System.ComponentModel;

namespace EdgeDb.Internal;

/// <summary>Compares byte arrays by content, for sets of encoded keys in generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    /// <summary>The one instance.</summary>
    public static ByteArrayComparer Instance { get; } = new();

    private ByteArrayComparer()
    {
    }

    /// <inheritdoc />
    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc />
    public int GetHashCode(byte[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
