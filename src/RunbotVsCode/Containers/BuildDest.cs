using System.Text.RegularExpressions;

namespace RunbotVsCode.Containers;

/// <summary>Checks a build's dest before it becomes part of a host path or a container name.</summary>
internal static partial class BuildDest
{
    /// <summary>
    /// Returns whether <paramref name="dest"/> is a single safe path segment: letters, digits, <c>_</c>, <c>.</c>
    /// and <c>-</c>, starting with a letter or digit, at most 64 characters. Runbot's own dests
    /// (<c>00101-17-0</c>) pass; the spaces, <c>;</c> or <c>$</c> runbot lets through do not.
    /// </summary>
    public static bool IsValid(string? dest) => dest is not null && SafeSegment().IsMatch(dest) && !dest.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\z")]
    private static partial Regex SafeSegment();
}
