using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Auth.Tests;

/// <summary>One entry recorded by <see cref="RecordingLogger{T}"/>, with its structured values.</summary>
internal sealed record LogEntry(LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Values, string Message);
