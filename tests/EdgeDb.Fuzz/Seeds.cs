using System.Text;
using EdgeDb.Internal;
using EdgeDb.Lsm;
using EdgeDb.MemTables;
using EdgeDb.Storage;
using EdgeDb.Tables;
using EdgeDb.Format;

namespace EdgeDb.Fuzz;

/// <summary>
/// Seed corpora made from real files: WAL segments, tables and manifests written by the engine itself, and
/// catalogue records as repositories write them. Each seed is stored twice, with and without the repair flag.
/// </summary>
internal static class Seeds
{
    public static void Write(string corpusRoot)
    {
        var work = Scratch.Fresh("seeds");
        Save(corpusRoot, "wal", "three-records", Segment(work, "a", store =>
        {
            store.Put("user/1"u8, "Ada"u8);
            store.Delete("user/0"u8);
            var batch = new WriteBatch();
            batch.Put("user/2"u8, "Grace"u8);
            batch.Delete("user/1"u8);
            store.Write(batch);
        }));
        Save(corpusRoot, "wal", "expiring", Segment(work, "c", store =>
        {
            store.Put("lease/1"u8, "held"u8, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var batch = new WriteBatch();
            batch.Put("lease/2"u8, "held"u8, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
            batch.Put("plain"u8, "v"u8);
            store.Write(batch);
        }));
        Save(corpusRoot, "wal", "forty-records", Segment(work, "b", store =>
        {
            for (var i = 0; i < 40; i++)
            {
                store.Put(Encoding.UTF8.GetBytes($"key/{i:D3}"), Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), i % 40)));
            }
        }));

        foreach (var compression in new[] { TableCompression.None, TableCompression.Lz4, TableCompression.Zstd })
        {
            foreach (var bloom in new[] { 0, 10 })
            {
                Save(corpusRoot, "table", $"{compression}-bloom{bloom}".ToLowerInvariant(), Table(work, compression, bloom));
            }
        }

        Save(corpusRoot, "manifest", "empty", Manifest.Empty.Encode());
        Save(corpusRoot, "manifest", "two-levels", StoreManifest(work));

        Save(corpusRoot, "catalogue", "two-collections", Catalogue(("readings", "readings"), ("orders", "orders")));
        Save(corpusRoot, "catalogue", "conflict", Catalogue(("readings", "orders")));
        Scratch.DeleteAll();
    }

    private static byte[] Segment(string work, string name, Action<EdgeStore> writes)
    {
        var directory = Path.Combine(work, name);
        using (var store = EdgeStore.Open(directory))
        {
            writes(store);
        }

        return File.ReadAllBytes(Path.Combine(directory, StoreFileNames.Segment(1)));
    }

    private static byte[] Table(string work, TableCompression compression, int bloomBits)
    {
        var path = Path.Combine(work, $"table-{compression}-{bloomBits}.sst");
        using (var writer = TableWriter.Create(FileSystem.Os, path, new TableWriterOptions { BlockSize = 256, Compression = compression, BloomBitsPerKey = bloomBits }))
        {
            for (var i = 0; i < 30; i++)
            {
                var key = Encoding.UTF8.GetBytes($"key/{i:D3}");
                if (i % 5 == 0)
                {
                    writer.Add(key, (ulong)(100 + i), EntryKind.Delete, []);
                }

                var value = Encoding.UTF8.GetBytes(new string('v', 20 + (i % 7)));
                if (i % 3 == 0)
                {
                    writer.Add(key, (ulong)(1 + i), EntryKind.PutExpiring, Expiry.Stored(value, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
                }
                else
                {
                    writer.Add(key, (ulong)(1 + i), EntryKind.Put, value);
                }
            }

            writer.Finish();
        }

        return File.ReadAllBytes(path);
    }

    private static byte[] StoreManifest(string work)
    {
        var directory = Path.Combine(work, "manifest");
        using (var store = EdgeStore.Open(directory, new EdgeStoreOptions { MemTableSizeBytes = 4096, WalSegmentSizeBytes = 4096 }))
        {
            for (var i = 0; i < 600; i++)
            {
                store.Put(Encoding.UTF8.GetBytes($"k{i % 200:D3}"), new byte[24]);
            }

            store.WaitForBackgroundWork();
        }

        return File.ReadAllBytes(Path.Combine(directory, StoreFileNames.Manifest));
    }

    private static byte[] Catalogue(params (string PrefixOf, string Owner)[] records)
    {
        var bytes = new List<byte>();
        foreach (var (prefixOf, owner) in records)
        {
            bytes.AddRange(Keyspace.CollectionPrefix(prefixOf));
            var name = Encoding.UTF8.GetBytes(owner);
            bytes.Add((byte)name.Length);
            bytes.AddRange(name);
        }

        return [.. bytes];
    }

    private static void Save(string corpusRoot, string target, string name, byte[] file)
    {
        var directory = Path.Combine(corpusRoot, target);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"{name}.bin"), [0, .. file]);
        File.WriteAllBytes(Path.Combine(directory, $"{name}.repair.bin"), [1, .. file]);
    }
}
