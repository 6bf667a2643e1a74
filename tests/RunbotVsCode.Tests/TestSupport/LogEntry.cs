using Microsoft.Extensions.Logging;

namespace RunbotVsCode.TestSupport;

/// <summary>One captured log entry.</summary>
/// <param name="Level">The entry's level.</param>
/// <param name="EventId">The entry's event id and name.</param>
/// <param name="State">The structured values by hole name, including <c>{OriginalFormat}</c>.</param>
/// <param name="Exception">The exception passed with the entry, if any.</param>
/// <param name="Message">The formatted message, for failure output only.</param>
public sealed record LogEntry(LogLevel Level, EventId EventId, IReadOnlyDictionary<string, object?> State, Exception? Exception, string Message);
