namespace EdgeDb.MemTables;

/// <summary>Whether a MemTable version holds a value or records a delete.</summary>
internal enum MemTableEntryKind : byte
{
    Put = 1,
    Delete = 2,
}
