namespace EdgeDb;

/// <summary>
/// A write to disk failed (disk full, read-only file system, device error). The store stops writing
/// (fail-stop) until it is disposed and reopened; reads keep working and acknowledged writes are kept.
/// </summary>
public sealed class EdgeStoreFailedException : EdgeDbException
{
    /// <summary>Creates the exception with the I/O error that caused it.</summary>
    public EdgeStoreFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
