using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace EdgeDb.Internal;

/// <summary>
/// What a generated view reads from: the store as of now, a snapshot, or a transaction (its snapshot plus its own
/// writes, its reads validated at commit). One read surface, so a view's code is the same for all three.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReadSource
{
    private readonly EdgeStore? _store;
    private readonly EdgeSnapshot? _snapshot;
    private readonly EdgeTransaction? _transaction;

    private ReadSource(EdgeStore? store, EdgeSnapshot? snapshot, EdgeTransaction? transaction)
    {
        _store = store;
        _snapshot = snapshot;
        _transaction = transaction;
    }

    /// <summary>Reads of the store as of each read.</summary>
    public static ReadSource Of(EdgeStore store) => new(store ?? throw new ArgumentNullException(nameof(store)), null, null);

    /// <summary>Reads at <paramref name="snapshot"/>.</summary>
    public static ReadSource Of(EdgeSnapshot snapshot) => new(null, snapshot ?? throw new ArgumentNullException(nameof(snapshot)), null);

    /// <summary>Reads through <paramref name="transaction"/>.</summary>
    public static ReadSource Of(EdgeTransaction transaction) => new(null, null, transaction ?? throw new ArgumentNullException(nameof(transaction)));

    /// <summary>The value of <paramref name="key"/>.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value) =>
        _transaction?.TryGet(key, out value) ?? _snapshot?.TryGet(key, out value) ?? Store.TryGet(key, out value);

    /// <summary>Whether <paramref name="key"/> has a value.</summary>
    public bool ContainsKey(ReadOnlySpan<byte> key) => TryGet(key, out _);

    /// <summary>The entries in [<paramref name="startInclusive"/>, <paramref name="endExclusive"/>).</summary>
    public IEnumerable<EdgeEntry> Scan(ReadOnlySpan<byte> startInclusive, ReadOnlySpan<byte> endExclusive) =>
        _transaction is not null ? _transaction.Scan(startInclusive, endExclusive)
        : _snapshot is not null ? _snapshot.Scan(startInclusive, endExclusive)
        : Store.Scan(startInclusive, endExclusive);

    /// <summary>The entries whose key starts with <paramref name="prefix"/>.</summary>
    public IEnumerable<EdgeEntry> ScanPrefix(ReadOnlySpan<byte> prefix) =>
        _transaction is not null ? _transaction.ScanPrefix(prefix)
        : _snapshot is not null ? _snapshot.ScanPrefix(prefix)
        : Store.ScanPrefix(prefix);

    private EdgeStore Store => _store ?? throw new InvalidOperationException("A default ReadSource reads nothing; make one with ReadSource.Of.");
}
