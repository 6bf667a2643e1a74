using System.Globalization;

namespace RunbotVsCode.Layers;

/// <summary>
/// Finds the runbot process identity for rendering: the <c>Layer:RunbotUid</c>, <c>Layer:RunbotGid</c> and
/// <c>Layer:RunbotUserName</c> settings, each defaulting to this process's own real uid, gid and user name.
/// </summary>
public static class RunbotUserSource
{
    private const string ProcessStatusPath = "/proc/self/status";

    /// <summary>
    /// Returns the identity from validated options. Throws <see cref="InvalidOperationException"/> when a setting
    /// is unset and this process's own value cannot be read, naming the setting to set.
    /// </summary>
    public static RunbotUser Resolve(LayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var uid = options.RunbotUid ?? ReadProcessId("Uid:", nameof(LayerOptions.RunbotUid));
        var gid = options.RunbotGid ?? ReadProcessId("Gid:", nameof(LayerOptions.RunbotGid));
        var name = options.RunbotUserName ?? Environment.UserName;
        return new RunbotUser(uid, gid, name);
    }

    /// <summary>Reads the real id from a <c>Uid:</c> or <c>Gid:</c> line of <c>/proc/self/status</c>, which lists real, effective, saved and filesystem ids.</summary>
    internal static int ParseStatusId(IEnumerable<string> statusLines, string field)
    {
        var line = statusLines.FirstOrDefault(candidate => candidate.StartsWith(field, StringComparison.Ordinal));
        var parts = line?[field.Length..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: > 0 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException($"{ProcessStatusPath} has no valid '{field}' line.");
        }

        return id;
    }

    private static int ReadProcessId(string field, string setting)
    {
        try
        {
            return ParseStatusId(File.ReadLines(ProcessStatusPath), field);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException(
                $"The runbot process's {setting[6..].ToLowerInvariant()} is unknown: {exception.Message} Set {LayerOptions.SectionName}:{setting}.",
                exception);
        }
    }
}
