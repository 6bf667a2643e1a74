using Microsoft.Extensions.Logging;

namespace RunbotVsCode.TestSupport;

/// <summary>A logger that keeps every entry at every level, so tests can assert on event ids and structured values.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];
    private readonly Lock _entriesLock = new();

    /// <summary>Gets a copy of the entries written so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entriesLock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Returns the entries with event id <paramref name="eventId"/>.</summary>
    public IReadOnlyList<LogEntry> WithEventId(int eventId) => [.. Entries.Where(entry => entry.EventId.Id == eventId)];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);

        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var entry = new LogEntry(logLevel, eventId, values.ToDictionary(pair => pair.Key, pair => pair.Value), exception, formatter(state, exception));
        lock (_entriesLock)
        {
            _entries.Add(entry);
        }
    }
}
