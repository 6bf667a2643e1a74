using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace RunbotVsCode.Pages;

/// <summary>Picks the page language from <c>Accept-Language</c>: Spanish or English, English by default.</summary>
public static class PageLanguage
{
    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Spanish.</summary>
    public const string Spanish = "es";

    /// <summary>Returns the supported language the request prefers most, by quality then order.</summary>
    public static string Pick(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var ranges))
        {
            return English;
        }

        var ordered = ranges
            .Select((range, index) => (Tag: range.Value.Value ?? "", Quality: range.Quality ?? 1.0, Index: index))
            .Where(range => range.Quality > 0)
            .OrderByDescending(range => range.Quality)
            .ThenBy(range => range.Index);

        foreach (var (tag, _, _) in ordered)
        {
            var primary = tag.Split('-')[0].ToLowerInvariant();
            if (primary is English or Spanish)
            {
                return primary;
            }
        }

        return English;
    }
}
