using Microsoft.Extensions.Options;

namespace RunbotVsCode.Hosting;

/// <summary>Checks the <c>Http</c> section at start.</summary>
public sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var errors = new SettingsErrors(HttpOptions.SectionName);

        var urls = SplitUrls(options.Urls);
        if (urls.Length == 0)
        {
            errors.Missing(nameof(options.Urls), "set it to where this service listens, such as 'http://127.0.0.1:8079'");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(ReplaceWildcardHost(url), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Invalid(nameof(options.Urls), url, "absolute http URLs separated by ';', such as 'http://127.0.0.1:8079'");
            }
        }

        if (options.ReadinessInterval < TimeSpan.FromSeconds(1))
        {
            errors.Invalid(nameof(options.ReadinessInterval), options.ReadinessInterval, "a duration of at least one second, such as 00:00:15");
        }

        return errors.ToResult();
    }

    /// <summary>
    /// Replaces Kestrel's wildcard hosts <c>*</c> and <c>+</c> with <c>0.0.0.0</c>, since <see cref="Uri"/> cannot parse them.
    /// </summary>
    internal static string ReplaceWildcardHost(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
    }

    /// <summary>Splits the <c>Http:Urls</c> value on <c>;</c>, dropping blanks.</summary>
    public static string[] SplitUrls(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
