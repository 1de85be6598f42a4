using EdgeDb.Tables;
using EdgeDb.Tests.Support;

namespace EdgeDb.Tests.Tables;

/// <summary>
/// A table opened through a file system that counts read calls, so tests can tell how many data blocks a lookup
/// or a scan read from the file (the reader itself keeps no counters on its hot path).
/// </summary>
internal sealed class CountedTable : IDisposable
{
    private readonly FaultyFileSystem _files;
    private readonly long _readsAtOpen;

    private CountedTable(FaultyFileSystem files, TableReader reader)
    {
        _files = files;
        Reader = reader;
        _readsAtOpen = files.ReadCount;
    }

    public TableReader Reader { get; }

    /// <summary>Blocks read from the file since the table was opened (one read call per block).</summary>
    public long BlockReads => _files.ReadCount - _readsAtOpen;

    public static CountedTable Open(string path, ulong fileNumber, BlockCache? cache)
    {
        var files = new FaultyFileSystem();
        return new CountedTable(files, TableReader.Open(files, path, fileNumber, cache));
    }

    public void Dispose() => Reader.Dispose();
}
