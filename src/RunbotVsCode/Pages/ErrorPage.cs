using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace RunbotVsCode.Pages;

/// <summary>Renders a page a developer sees instead of the editor, in the language the browser prefers.</summary>
public static class ErrorPage
{
    /// <summary>Returns the HTTP status each page is sent with.</summary>
    public static int StatusOf(PageKind kind) => kind switch
    {
        PageKind.Forbidden => StatusCodes.Status403Forbidden,
        PageKind.TicketInvalid => StatusCodes.Status403Forbidden,
        PageKind.BuildNotFound => StatusCodes.Status404NotFound,
        PageKind.BuildNotRunning or PageKind.Asleep or PageKind.NoCodeServer or PageKind.RedirectLoop => StatusCodes.Status409Conflict,
        PageKind.StartFailed or PageKind.Unavailable => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// Returns the page as a result. <paramref name="backUrl"/> is the build's page in runbot, built from database values;
    /// <paramref name="detail"/> is extra text for an administrator, such as code-server's last output.
    /// </summary>
    public static IResult Result(HttpRequest request, PageKind kind, long buildId, string? backUrl, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(request);

        var language = PageLanguage.Pick(request);
        var html = Render(kind, language, buildId, backUrl, detail);
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusOf(kind));
    }

    /// <summary>Renders the page's HTML; every value is HTML-encoded.</summary>
    public static string Render(PageKind kind, string language, long buildId, string? backUrl, string? detail)
    {
        var (title, message) = PageText.For(kind, language);
        var encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var text = string.Format(CultureInfo.InvariantCulture, message, buildId);
        var link = backUrl is null ? "" : $"""<p><a class="button" href="{encoder.Encode(backUrl)}">{encoder.Encode(PageText.BackLink(language))}</a></p>""";
        var details = string.IsNullOrEmpty(detail) ? "" : $"<pre>{encoder.Encode(detail)}</pre>";

        return $$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{encoder.Encode(title)}} · VS Code · runbot</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
            h1 { font-size: 1.5rem; }
            .button { display: inline-block; padding: .5rem 1rem; background: #714b67; color: #fff; border-radius: .25rem; text-decoration: none; }
            pre { background: #f4f4f4; padding: 1rem; overflow-x: auto; }
            </style>
            </head>
            <body>
            <h1>{{encoder.Encode(title)}}</h1>
            <p>{{encoder.Encode(text)}}</p>
            {{link}}
            {{details}}
            </body>
            </html>

            """;
    }
}
