namespace EdgeDb.Storage;

/// <summary>The OS error codes the engine tells apart (on Unix .NET puts errno into <see cref="Exception.HResult"/>).</summary>
internal static class OsErrors
{
    /// <summary>EIO.</summary>
    public const int InputOutput = 5;

    /// <summary>EAGAIN / EWOULDBLOCK on Linux: a non-blocking lock is held by someone else.</summary>
    public const int WouldBlock = 11;

    /// <summary>EAGAIN / EWOULDBLOCK on macOS.</summary>
    public const int WouldBlockDarwin = 35;

    /// <summary>ENOSPC.</summary>
    public const int NoSpace = 28;

    /// <summary>EROFS.</summary>
    public const int ReadOnlyFileSystem = 30;

    /// <summary>ERROR_SHARING_VIOLATION as an HRESULT.</summary>
    public const int WindowsSharingViolation = unchecked((int)0x80070020);

    /// <summary>ERROR_LOCK_VIOLATION as an HRESULT.</summary>
    public const int WindowsLockViolation = unchecked((int)0x80070021);
}
