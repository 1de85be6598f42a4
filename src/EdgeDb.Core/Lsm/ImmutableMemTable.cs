using EdgeDb.MemTables;

namespace EdgeDb.Lsm;

/// <summary>
/// A frozen MemTable waiting for its flush, with what the manifest records once it is flushed: the newest
/// sequence number it holds and the first WAL segment it does not (every older segment is covered by it).
/// </summary>
internal sealed record ImmutableMemTable(MemTable Table, ulong MaxSequence, ulong WalBoundary);
