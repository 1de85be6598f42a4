namespace EdgeDb;

/// <summary>The store directory is already open, in this process or in another one.</summary>
public sealed class EdgeStoreLockedException : EdgeDbException
{
    /// <summary>Creates the exception for a directory that is already open.</summary>
    public EdgeStoreLockedException(string directory, Exception? innerException = null)
        : base($"The EdgeDb store at '{directory}' is already open (by this process or another one). " +
               "Dispose the other EdgeStore, or stop the other process, before opening it again.", innerException)
    {
        Directory = directory;
    }

    /// <summary>The directory that is already open.</summary>
    public string Directory { get; }
}
