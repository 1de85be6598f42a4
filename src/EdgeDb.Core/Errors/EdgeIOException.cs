namespace EdgeDb;

/// <summary>
/// A file-system call failed in a way that says nothing about the data: a read that got an I/O error, a path
/// that cannot hold a store (a file where the directory should be, no permission), a failure while opening.
/// Nothing acknowledged is lost; a read may be retried, an open may be retried once the cause is fixed. A failed
/// <em>write</em> is an <see cref="EdgeStoreFailedException"/> instead, because the store then stops writing.
/// </summary>
public sealed class EdgeIOException : EdgeDbException
{
    /// <summary>Creates the exception for a failed call on <paramref name="filePath"/>, keeping the OS error as the inner exception.</summary>
    public EdgeIOException(string message, string? filePath, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file or directory the failed call was on, when one is to blame.</summary>
    public string? FilePath { get; }
}
