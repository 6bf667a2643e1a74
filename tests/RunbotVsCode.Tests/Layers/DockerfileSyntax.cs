namespace RunbotVsCode.Layers.Tests;

/// <summary>A small Dockerfile line checker: joins <c>\</c> continuations and checks each instruction keyword.</summary>
internal static class DockerfileSyntax
{
    private static readonly HashSet<string> Instructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    /// <summary>
    /// Returns the logical lines of Dockerfile text: continuation lines joined, blank and comment lines dropped.
    /// Throws <see cref="FormatException"/> when the text ends inside a continuation.
    /// </summary>
    public static IReadOnlyList<string> LogicalLines(string text)
    {
        var lines = new List<string>();
        string? pending = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (pending is null && (trimmed.Length == 0 || trimmed.StartsWith('#')))
            {
                continue;
            }

            var continues = trimmed.EndsWith('\\');
            var part = continues ? trimmed[..^1].TrimEnd() : trimmed;
            pending = string.IsNullOrEmpty(pending) ? part : $"{pending} {part}";
            if (!continues)
            {
                lines.Add(pending);
                pending = null;
            }
        }

        return pending is null ? lines : throw new FormatException($"The text ends inside a continuation: {pending}");
    }

    /// <summary>Returns the logical lines whose first word is not a Dockerfile instruction.</summary>
    public static IReadOnlyList<string> InvalidLines(string text) =>
        [.. LogicalLines(text).Where(line => !Instructions.Contains(line.Split(' ', 2)[0]) || !line.Contains(' ', StringComparison.Ordinal))];
}
