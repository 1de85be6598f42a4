using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using EdgeDb.Internal;
using EdgeDb.Lsm;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using EdgeDb.Tables;
using EdgeDb.Wal;
using EdgeDb.Writes;
using EdgeDb.Format;

namespace EdgeDb.Fuzz;

/// <summary>
/// One reader of a file the store reads back. Its contract under any input: it returns, or raises an
/// <see cref="EdgeDbException"/>; nothing else escapes (docs/testing.md, "Fuzzing").
/// </summary>
internal sealed record FuzzTarget(string Name, Action<byte[]> Repair, Action<FuzzInput> Run);

internal static class FuzzTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("wal", Checksums.RepairSegment, RunWal),
        new("table", Checksums.RepairTable, RunTable),
        new("manifest", Checksums.RepairManifest, RunManifest),
        new("catalogue", _ => { }, RunCatalogue),
    ];

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No fuzz target '{name}'; there are: {string.Join(", ", All.Select(t => t.Name))}.");

    /// <summary>Runs <paramref name="target"/> on one raw input (flags byte first), repairing checksums first if it asks.</summary>
    public static void Run(FuzzTarget target, ReadOnlySpan<byte> raw)
    {
        var input = new FuzzInput(raw);
        if (input.RepairChecksums)
        {
            var file = input.File.ToArray();
            target.Repair(file);
            target.Run(new FuzzInput([input.Flags, .. file]));
            return;
        }

        target.Run(input);
    }

    /// <summary>WAL recovery of one segment, in the recovery mode the flags choose, replayed into a MemTable.</summary>
    private static void RunWal(FuzzInput input)
    {
        var directory = Scratch.Fresh("wal");
        File.WriteAllBytes(Path.Combine(directory, StoreFileNames.Segment(1)), input.File.ToArray());
        var mode = (WalRecoveryMode)(input.Variant % 3);
        var memTable = new MemTable(64 * 1024);
        WalRecovery.Recover(
            new StoreDirectory(FileSystem.Os, directory),
            mode,
            NullLogger.Instance,
            firstSequence: 1,
            walFloor: 1,
            (first, payload, _) => BatchPayload.ApplyTo(memTable, first, payload));
        var iterator = new MemTableIterator(memTable);
        for (iterator.SeekToFirst(); iterator.Valid; iterator.MoveNext())
        {
            _ = iterator.Value.Length;
        }
    }

    /// <summary>A table opened, scanned in full, and every key it yielded looked up again (through a cache or not).</summary>
    private static void RunTable(FuzzInput input)
    {
        var directory = Scratch.Fresh("table");
        var path = Path.Combine(directory, StoreFileNames.Table(1));
        File.WriteAllBytes(path, input.File.ToArray());
        var cache = (input.Variant & 1) != 0 ? new BlockCache(256 * 1024) : null;
        using var reader = TableReader.Open(FileSystem.Os, path, 1, cache);
        var keys = new List<byte[]>();
        using (var iterator = reader.CreateIterator())
        {
            while (iterator.MoveNext() && keys.Count < 4096)
            {
                keys.Add(iterator.Key.ToArray());
                _ = iterator.Value.Length;
            }
        }

        foreach (var key in keys)
        {
            reader.TryGet(key, InternalKey.MaxSequence, out _, out _);
        }

        reader.TryGet("\u00ff-absent"u8, InternalKey.MaxSequence, out _, out _);
    }

    /// <summary>Manifest decoding with all of its checks (lengths, counts, level invariants).</summary>
    private static void RunManifest(FuzzInput input) => Manifest.Decode(input.File, "MANIFEST");

    /// <summary>
    /// The catalogue's records as any bytes: the input is a list of (prefix, owner bytes) records written into the
    /// catalogue keyspace of a store, followed by names registered and looked up against them.
    /// </summary>
    private static void RunCatalogue(FuzzInput input)
    {
        var directory = Scratch.Fresh("catalogue");
        using var store = EdgeStore.Open(directory, new EdgeStoreOptions { MemTableSizeBytes = 64 * 1024, BlockCacheSizeBytes = 0 });
        var rest = input.File;
        var names = new List<(string Name, byte[] RecordedAt)>();
        while (rest.Length >= Keyspace.PrefixLength + 1 && names.Count < 64)
        {
            var prefix = rest[..Keyspace.PrefixLength];
            var ownerLength = Math.Min(rest[Keyspace.PrefixLength], rest.Length - Keyspace.PrefixLength - 1);
            var owner = rest.Slice(Keyspace.PrefixLength + 1, ownerLength);
            store.Put([Keyspace.SystemTag, (byte)'c', .. prefix], owner);
            names.Add((Encoding.UTF8.GetString(owner), prefix.ToArray()));
            rest = rest[(Keyspace.PrefixLength + 1 + ownerLength)..];
        }

        // Each recorded name registered under its own prefix and under the prefix the record was written at.
        foreach (var (name, recordedAt) in names.Where(n => !string.IsNullOrWhiteSpace(n.Name)))
        {
            foreach (var prefix in new[] { Keyspace.CollectionPrefix(name), recordedAt })
            {
                _ = EdgeCatalog.FindOwner(store, prefix);
                try
                {
                    EdgeCatalog.Register(store, prefix, name);
                }
                catch (EdgeKeyspaceConflictException)
                {
                    // Another name owns the prefix: the catalogue's documented answer.
                }
            }
        }
    }
}
