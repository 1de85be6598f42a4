using Microsoft.Extensions.Logging;

namespace EdgeDb.TypedHost;

/// <summary>Writes every message to standard output, one line each, so a parent test can act on the store's progress.</summary>
internal sealed class ConsoleLogger : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.WriteLine("log " + formatter(state, exception));
}
