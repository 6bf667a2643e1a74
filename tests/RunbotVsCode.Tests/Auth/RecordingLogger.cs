using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Auth.Tests;

/// <summary>A logger that keeps every entry's level, event id and structured values for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (entries)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var entry = new LogEntry(logLevel, eventId, values.ToDictionary(pair => pair.Key, pair => pair.Value), formatter(state, exception));
        lock (entries)
        {
            entries.Add(entry);
        }
    }
}
