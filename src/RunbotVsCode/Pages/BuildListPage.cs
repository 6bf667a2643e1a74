using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Pages;

/// <summary>Renders the list of running builds whose VS Code can be opened, grouped by host, in English or Spanish.</summary>
public static class BuildListPage
{
    private static readonly Dictionary<string, string[]> Words = new()
    {
        // title, empty list, build, version, running for, open, signed in as
        ["en"] = ["VS Code in running builds", "No running build can open VS Code now.", "Build", "Version", "Running for", "Open VS Code", "Signed in as"],
        ["es"] = ["VS Code en las builds en ejecución", "Ahora ninguna build en ejecución puede abrir VS Code.", "Build", "Versión", "En ejecución desde hace", "Abrir VS Code", "Sesión iniciada como"],
    };

    /// <summary>Renders the page for <paramref name="builds"/>; every value is HTML-encoded.</summary>
    public static string Render(IReadOnlyList<RunningBuild> builds, string language, string login, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(builds);

        var words = Words[language];
        var encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var body = new StringBuilder();
        body.Append("<p class=\"who\">").Append(encoder.Encode(words[6])).Append(' ').Append(encoder.Encode(login)).Append("</p>\n");

        if (builds.Count == 0)
        {
            body.Append("<p>").Append(encoder.Encode(words[1])).Append("</p>\n");
        }

        foreach (var host in builds.GroupBy(build => build.Host ?? "").OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            body.Append("<h2>").Append(encoder.Encode(host.Key)).Append("</h2>\n<table>\n<tr><th>")
                .Append(encoder.Encode(words[2])).Append("</th><th>").Append(encoder.Encode(words[3])).Append("</th><th>")
                .Append(encoder.Encode(words[4])).Append("</th><th></th></tr>\n");
            foreach (var build in host.OrderBy(build => build.Id))
            {
                body.Append("<tr><td>").Append(build.Id.ToString(CultureInfo.InvariantCulture)).Append(" <code>").Append(encoder.Encode(build.Dest ?? "")).Append("</code></td><td>")
                    .Append(encoder.Encode(build.VersionName ?? "")).Append("</td><td>").Append(encoder.Encode(Age(build.StartedAt, nowUtc))).Append("</td><td>")
                    .Append("<a class=\"button\" href=\"/runbot/vscode/").Append(build.Id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(encoder.Encode(words[5])).Append("</a></td></tr>\n");
            }

            body.Append("</table>\n");
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="{{language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{encoder.Encode(words[0])}} · runbot</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 56rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
            th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
            .button { display: inline-block; padding: .3rem .8rem; background: #714b67; color: #fff; border-radius: .25rem; text-decoration: none; }
            .who { color: #666; }
            </style>
            </head>
            <body>
            <h1>{{encoder.Encode(words[0])}}</h1>
            {{body}}</body>
            </html>

            """;
    }

    /// <summary>Formats how long a build has been running, such as <c>2 h 05 min</c>; empty when the start is not known.</summary>
    public static string Age(DateTime? startedUtc, DateTime nowUtc)
    {
        if (startedUtc is not { } started || started > nowUtc)
        {
            return "";
        }

        var age = nowUtc - started;
        return age.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes:00} min")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)age.TotalMinutes)} min");
    }
}
