using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Containers.Tests;

/// <summary>Keeps every log event with its structured values, so tests can assert on event ids and values.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<RecordedLogEvent> Events { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this);

    public void Dispose()
    {
    }

    public IReadOnlyList<RecordedLogEvent> WithId(int eventId) => Events.Where(e => e.EventId.Id == eventId).ToList();

    private sealed class RecordingLogger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            provider.Events.Enqueue(new RecordedLogEvent(logLevel, eventId, values.ToDictionary(pair => pair.Key, pair => pair.Value), formatter(state, exception)));
        }
    }
}
