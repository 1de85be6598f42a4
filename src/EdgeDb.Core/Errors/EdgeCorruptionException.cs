namespace EdgeDb;

/// <summary>
/// A file of the store is damaged in a way recovery must not paper over: replaying past it could invent,
/// reorder or drop acknowledged history.
/// </summary>
public sealed class EdgeCorruptionException : EdgeDbException
{
    /// <summary>Creates the exception for a damaged file at a byte offset.</summary>
    public EdgeCorruptionException(string message, string? filePath = null, long offset = -1)
        : base(message)
    {
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>The damaged file, when one file is to blame.</summary>
    public string? FilePath { get; }

    /// <summary>The byte offset of the damage in <see cref="FilePath"/>, or -1 when not known.</summary>
    public long Offset { get; }
}
