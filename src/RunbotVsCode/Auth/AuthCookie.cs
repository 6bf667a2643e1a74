using Microsoft.Extensions.Primitives;

namespace RunbotVsCode.Auth;

/// <summary>
/// Names of the access token cookie and reading it from <c>Cookie</c> request headers. Over HTTPS the cookie is
/// <c>__Host-&lt;name&gt;</c>, a name that browsers accept only host-only, secure and with <c>Path=/</c>, so a
/// sibling subdomain such as another build's Odoo cannot set it; over plain HTTP it is <c>&lt;name&gt;</c>.
/// </summary>
public static class AuthCookie
{
    /// <summary>The default cookie name.</summary>
    public const string DefaultName = "runbot_vscode";

    /// <summary>The prefix of the cookie name used over HTTPS.</summary>
    public const string HostPrefix = "__Host-";

    /// <summary>
    /// The maximum number of header characters read; pairs ending past it are ignored. It is eight times the
    /// 8 KB header line that nginx accepts by default (<c>large_client_header_buffers 4 8k</c>), so a header
    /// that passed nginx is read whole.
    /// </summary>
    public const int MaxScannedLength = 64 * 1024;

    /// <summary>The maximum number of values kept per cookie name, so duplicates cannot multiply the verification work.</summary>
    public const int MaxValuesPerName = 16;

    /// <summary>Returns the cookie name used over HTTPS, <c>__Host-&lt;name&gt;</c>.</summary>
    public static string SecureName(string cookieName)
    {
        ArgumentException.ThrowIfNullOrEmpty(cookieName);

        return HostPrefix + cookieName;
    }

    /// <summary>
    /// Returns whether a configured cookie name is 1 to 64 characters from <c>[A-Za-z0-9_-]</c> and does not start
    /// with <c>__</c>, which browsers reserve for prefixes such as <c>__Host-</c>.
    /// </summary>
    public static bool IsValidName(string? cookieName)
    {
        if (string.IsNullOrEmpty(cookieName) || cookieName.Length > AuthOptionsValidator.MaxCookieNameLength || cookieName.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in cookieName)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Finds every value of the service's cookie in the <c>Cookie</c> headers: first the values of
    /// <c>__Host-&lt;name&gt;</c>, then those of <c>&lt;name&gt;</c>, each in header order. A cookie sent more than
    /// once yields each value, so the caller verifies them all and a forged duplicate cannot hide the real one.
    /// Names match exactly (case-sensitive); empty values are skipped.
    /// </summary>
    /// <param name="cookieHeaders">The raw <c>Cookie</c> header values, as <c>HttpRequest.Headers.Cookie</c> returns them.</param>
    /// <param name="cookieName">The configured cookie name, without prefix.</param>
    /// <returns>Up to <see cref="MaxValuesPerName"/> values per name, read from the first <see cref="MaxScannedLength"/> characters.</returns>
    public static IReadOnlyList<string> FindValues(StringValues cookieHeaders, string cookieName)
    {
        ArgumentException.ThrowIfNullOrEmpty(cookieName);

        var secureName = SecureName(cookieName);
        var secureValues = new List<string>();
        var plainValues = new List<string>();
        var budget = MaxScannedLength;
        foreach (var header in cookieHeaders)
        {
            if (header is null)
            {
                continue;
            }

            if (!ScanHeader(header, secureName, cookieName, secureValues, plainValues, ref budget))
            {
                break;
            }
        }

        secureValues.AddRange(plainValues);
        return secureValues;
    }

    /// <summary>Adds the matching values of one header; returns false once the scan budget is spent.</summary>
    private static bool ScanHeader(
        string header, string secureName, string plainName, List<string> secureValues, List<string> plainValues, ref int budget)
    {
        var rest = header.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(';');
            var pairLength = end < 0 ? rest.Length : end + 1;
            if (pairLength > budget)
            {
                return false;
            }

            budget -= pairLength;
            var pair = end < 0 ? rest : rest[..end];
            rest = rest[pairLength..];
            AddIfMatching(pair, secureName, plainName, secureValues, plainValues);
        }

        return true;
    }

    private static void AddIfMatching(
        ReadOnlySpan<char> pair, string secureName, string plainName, List<string> secureValues, List<string> plainValues)
    {
        var equals = pair.IndexOf('=');
        if (equals < 0)
        {
            return;
        }

        var name = pair[..equals].Trim(" \t");
        var value = pair[(equals + 1)..].Trim(" \t");
        if (value.IsEmpty)
        {
            return;
        }

        if (name.SequenceEqual(secureName))
        {
            AddBounded(secureValues, value);
        }
        else if (name.SequenceEqual(plainName))
        {
            AddBounded(plainValues, value);
        }
    }

    private static void AddBounded(List<string> values, ReadOnlySpan<char> value)
    {
        if (values.Count < MaxValuesPerName)
        {
            values.Add(value.ToString());
        }
    }
}
