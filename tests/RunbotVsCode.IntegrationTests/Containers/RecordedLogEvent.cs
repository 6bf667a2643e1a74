using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Containers.Tests;

internal sealed record RecordedLogEvent(LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> Values, string Message);
