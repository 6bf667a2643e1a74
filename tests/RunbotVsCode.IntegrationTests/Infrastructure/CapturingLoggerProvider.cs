using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Infrastructure;

/// <summary>Keeps every log entry with its event id and structured values, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Gets the entries logged so far.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Shares the entries of <paramref name="other"/>, so a wrapper can read what the registered provider captured.</summary>
    public void Attach(CapturingLoggerProvider other) => _entries = other._entries;

    /// <summary>Returns this service's entries with event id <paramref name="eventId"/>; libraries such as Npgsql reuse the same numbers.</summary>
    public IReadOnlyList<LogEntry> WithEvent(int eventId) =>
        [.. _entries.Where(entry => entry.EventId.Id == eventId && entry.Category.StartsWith("RunbotVsCode.", StringComparison.Ordinal))];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One captured entry.</summary>
    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> State, string Message, Exception? Exception);

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
                : [];
            provider._entries.Enqueue(new LogEntry(category, logLevel, eventId, values, formatter(state, exception), exception));
        }
    }
}
