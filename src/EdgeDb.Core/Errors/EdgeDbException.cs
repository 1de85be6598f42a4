namespace EdgeDb;

/// <summary>The base of every error EdgeDb raises for a condition of the store (not for a bad argument).</summary>
public class EdgeDbException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public EdgeDbException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public EdgeDbException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
