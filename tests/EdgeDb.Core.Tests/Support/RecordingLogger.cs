using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeDb.Tests.Support;

/// <summary>Keeps every warning and error the store logs, so a test can tell a failure absorbed by design from one swallowed.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
        }
    }
}
