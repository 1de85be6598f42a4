using Microsoft.Extensions.Logging;
using EdgeDb.Diagnostics;
using EdgeDb.Format;
using EdgeDb.Storage;
using EdgeDb.Tables;

namespace EdgeDb.Lsm;

/// <summary>
/// The new tables of flushes and compactions: it numbers them (from the manifest's next file number), creates,
/// finishes, fsyncs and opens them, and deletes them again if the job fails before its manifest lists them. Used
/// by the background worker only.
/// </summary>
internal sealed class TableOutput(StoreDirectory directory, TableWriterOptions options, BlockCache? cache, ILogger logger, ulong nextFileNumber)
{
    private ulong _nextFileNumber = nextFileNumber;

    /// <summary>The number the next table will get; the next manifest records it.</summary>
    public ulong NextFileNumber => _nextFileNumber;

    /// <summary>
    /// Writes the entries into new tables of <paramref name="level"/>, starting a new table once one reaches
    /// <paramref name="splitAtBytes"/> (entries come one per key, so every cut is at a key boundary), fsyncs
    /// them and the directory, and opens them. A failure deletes what was written.
    /// </summary>
    public List<TableHandle> Write(int level, IEnumerable<IInternalIterator> entries, long splitAtBytes)
    {
        var outputs = new List<TableHandle>();
        TableWriter? writer = null;
        ulong number = 0;
        long written = 0;
        try
        {
            foreach (var entry in entries)
            {
                if (writer is not null && written >= splitAtBytes)
                {
                    outputs.Add(Finish(writer, level, number));
                    writer = null;
                }

                if (writer is null)
                {
                    number = _nextFileNumber++;
                    writer = TableWriter.Create(directory.Files, directory.TablePath(number), options);
                    written = 0;
                }

                writer.Add(entry.Key, entry.Sequence, entry.Kind, entry.Value.Span);
                written += entry.Key.Length + entry.Value.Length + 16;
            }

            if (writer is not null)
            {
                outputs.Add(Finish(writer, level, number));
                writer = null;
            }

            directory.Sync();
            return outputs;
        }
        catch
        {
            writer?.Dispose();
            foreach (var output in outputs)
            {
                output.Reader.Dispose();
                Abandon(output.Metadata.FileNumber);
            }

            throw;
        }
    }

    private TableHandle Finish(TableWriter writer, int level, ulong number)
    {
        var properties = writer.Finish();
        writer.Dispose();
        var metadata = TableWriterSettings.ToMetadata(level, number, properties);
        return new TableHandle(metadata, TableReader.Open(directory.Files, directory.TablePath(number), number, cache));
    }

    /// <summary>On a failure path: an output no manifest will list. If it cannot be deleted now, the next open does it.</summary>
    private void Abandon(ulong fileNumber)
    {
        try
        {
            directory.Files.Delete(directory.TablePath(fileNumber));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ObsoleteFileKept(logger, directory.TablePath(fileNumber), e);
        }
    }
}
