using EdgeDb.TestHost;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Store;

/// <summary>
/// Random operations against the store and against a <see cref="SortedDictionary{TKey,TValue}"/> model at the same
/// time, reopening the store now and then: gets, scans with random bounds and the whole content must agree.
/// </summary>
public sealed class ModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, Durability.Flushed, 64 * 1024 * 1024, EdgeCompression.None)]
    [InlineData(2, Durability.Buffered, 64 * 1024 * 1024, EdgeCompression.None)]
    [InlineData(3, Durability.Synced, 64 * 1024 * 1024, EdgeCompression.None)]
    [InlineData(4, Durability.Flushed, 4096, EdgeCompression.None)]
    [InlineData(5, Durability.Buffered, 4096, EdgeCompression.Lz4)]
    [InlineData(6, Durability.Flushed, 8192, EdgeCompression.Zstd)]
    public void The_store_behaves_like_a_sorted_dictionary_across_reopens(int seed, Durability durability, long memTableBytes, EdgeCompression compression)
    {
        // A 4 KiB MemTable flushes every few dozen writes, so flushes and compactions run all the time.
        var random = new Random(seed);
        var model = new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        var options = new EdgeStoreOptions { Durability = durability, WalSegmentSizeBytes = 8192, MemTableSizeBytes = memTableBytes, Compression = compression };
        var store = EdgeStore.Open(_dir.Path, options);
        try
        {
            for (var step = 0; step < 4000; step++)
            {
                switch (random.Next(100))
                {
                    case < 45:
                        {
                            var (key, value) = (RandomKey(random), RandomValue(random));
                            store.Put(key, value);
                            model[key] = value;
                            break;
                        }

                    case < 60:
                        {
                            var key = RandomKey(random);
                            store.Delete(key);
                            model.Remove(key);
                            break;
                        }

                    case < 75:
                        {
                            var batch = new WriteBatch();
                            var staged = new List<(byte[] Key, byte[]? Value)>();
                            for (var i = random.Next(1, 12); i > 0; i--)
                            {
                                var key = RandomKey(random);
                                if (random.Next(4) == 0)
                                {
                                    batch.Delete(key);
                                    staged.Add((key, null));
                                }
                                else
                                {
                                    var value = RandomValue(random);
                                    batch.Put(key, value);
                                    staged.Add((key, value));
                                }
                            }

                            store.Write(batch);
                            foreach (var (key, value) in staged)
                            {
                                if (value is null)
                                {
                                    model.Remove(key);
                                }
                                else
                                {
                                    model[key] = value;
                                }
                            }

                            break;
                        }

                    case < 90:
                        {
                            var key = RandomKey(random);
                            Assert.Equal(model.TryGetValue(key, out var expected), store.TryGet(key, out var actual));
                            Assert.Equal(expected, actual);
                            break;
                        }

                    case < 98:
                        {
                            var a = RandomKey(random);
                            var b = RandomKey(random);
                            if (ByteArrayComparer.Instance.Compare(a, b) > 0)
                            {
                                (a, b) = (b, a);
                            }

                            var expected = model.Where(e => ByteArrayComparer.Instance.Compare(e.Key, a) >= 0 && ByteArrayComparer.Instance.Compare(e.Key, b) < 0);
                            AssertSame(expected, store.Scan(a, b));
                            break;
                        }

                    default:
                        store.Dispose();
                        store = EdgeStore.Open(_dir.Path, options);
                        AssertSame(model, store.Scan([], []));
                        break;
                }
            }

            store.Dispose();
            store = EdgeStore.Open(_dir.Path, options);
            AssertSame(model, store.Scan([], []));
            if (memTableBytes > 1024 * 1024)
            {
                Assert.True(WalFiles.Segments(_dir.Path).Length > 1, "the test should cross segment boundaries");
            }
            else
            {
                Assert.NotEmpty(Directory.GetFiles(_dir.Path, "*.sst"));
            }
        }
        finally
        {
            store.Dispose();
        }
    }

    private static void AssertSame(IEnumerable<KeyValuePair<byte[], byte[]>> expected, EdgeScan actual)
    {
        var expectedList = expected.Select(e => (Convert.ToHexString(e.Key), Convert.ToHexString(e.Value))).ToList();
        var actualList = actual.Select(e => (Convert.ToHexString(e.Key.Span), Convert.ToHexString(e.Value.Span))).ToList();
        Assert.Equal(expectedList, actualList);
    }

    // A small key space with shared prefixes and 0x00/0xFF bytes, so overwrites, deletes and ordering edges are common.
    private static byte[] RandomKey(Random random)
    {
        var key = new byte[random.Next(1, 5)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(random.Next(4) switch { 0 => 0x00, 1 => 0xFF, _ => random.Next(0x61, 0x65) });
        }

        return key;
    }

    private static byte[] RandomValue(Random random)
    {
        var value = new byte[random.Next(0, 64)];
        random.NextBytes(value);
        return value;
    }
}
