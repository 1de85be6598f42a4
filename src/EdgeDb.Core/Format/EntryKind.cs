namespace EdgeDb.Format;

/// <summary>
/// Whether a version holds a value or records a delete. The values are the on-disk bytes wherever a kind is
/// stored: the operation byte of a WAL batch payload (docs/wal-format.md) and the low byte of a table entry's tag
/// (docs/table-format.md).
/// </summary>
internal enum EntryKind : byte
{
    Put = 1,
    Delete = 2,

    /// <summary>A put whose stored value starts with its expiry (<see cref="Expiry"/>).</summary>
    PutExpiring = 3,
}
