using System.Text.RegularExpressions;

namespace RunbotVsCode.Routing;

/// <summary>
/// Strict checks for values that are written into nginx config. A value that passes cannot end a directive,
/// open a block, start a comment or expand a variable, because the accepted alphabets exclude every such character.
/// </summary>
public static partial class NginxValues
{
    /// <summary>The maximum length of one DNS label (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The maximum length of a host name (RFC 1035), without a trailing dot.</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>The maximum length of a unix socket path on Linux, counted in bytes (sun_path holds 108 with the NUL).</summary>
    public const int MaxSocketPathLength = 107;

    // Patterns end in \z, not $, because $ also matches before a final newline.

    /// <summary>Returns whether <paramref name="value"/> is one lowercase DNS label: <c>[a-z0-9-]</c>, 1 to 63 characters, no hyphen at either end.</summary>
    public static bool IsDnsLabel(string? value) =>
        value is { Length: > 0 and <= MaxLabelLength } && DnsLabelPattern().IsMatch(value);

    /// <summary>Returns whether <paramref name="value"/> is a lowercase host name made of DNS labels, with no trailing dot.</summary>
    public static bool IsHostName(string? value)
    {
        if (value is not { Length: > 0 and <= MaxHostNameLength })
        {
            return false;
        }

        foreach (var label in value.Split('.'))
        {
            if (!IsDnsLabel(label))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns whether <paramref name="value"/> is an absolute path made only of <c>[A-Za-z0-9._/-]</c>, without <c>..</c> segments.</summary>
    public static bool IsSafeAbsolutePath(string? value) =>
        value is { Length: > 0 and <= 4096 }
        && SafePathPattern().IsMatch(value)
        && !value.Split('/').Contains("..");

    /// <summary>Returns whether <paramref name="port"/> is a TCP port from 1 to 65535.</summary>
    public static bool IsPort(long port) => port is >= 1 and <= 65535;

    /// <summary>Returns whether <paramref name="value"/> is a cookie name made of <c>[A-Za-z0-9_-]</c>.</summary>
    public static bool IsCookieName(string? value) =>
        value is { Length: > 0 and <= 64 } && CookieNamePattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex("^/[A-Za-z0-9._/-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafePathPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CookieNamePattern();
}
