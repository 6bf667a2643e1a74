namespace RunbotVsCode.Routing;

/// <summary>
/// The routing values of one pass, from settings first and runbot's <c>ir_config_parameter</c> second,
/// all checked for use in nginx config.
/// </summary>
/// <param name="Suffix">The label after the dest, as in <c>&lt;dest&gt;-&lt;suffix&gt;.&lt;host&gt;</c>.</param>
/// <param name="Scheme">The scheme browsers use for the editors.</param>
/// <param name="OpenBaseUrl">The origin of runbot's main site, without a trailing slash.</param>
/// <param name="PublicPort">The port in editor URLs, or null for the scheme's default.</param>
public sealed record RouteSettings(string Suffix, string Scheme, string OpenBaseUrl, int? PublicPort = null)
{
    /// <summary>The <c>ir_config_parameter</c> key that sets the suffix.</summary>
    public const string SuffixKey = "runbot_attach_vscode.url_suffix";

    /// <summary>The <c>ir_config_parameter</c> key that sets the scheme.</summary>
    public const string SchemeKey = "runbot_attach_vscode.scheme";

    /// <summary>The <c>ir_config_parameter</c> key of runbot's public URL.</summary>
    public const string BaseUrlKey = "web.base.url";

    /// <summary>The suffix used when neither settings nor the database set one.</summary>
    public const string DefaultSuffix = "vscode";

    /// <summary>The scheme used when neither settings nor the database set one.</summary>
    public const string DefaultScheme = "https";

    private const int MaxSuffixLength = 20;

    /// <summary>Returns whether <paramref name="value"/> can be the suffix label.</summary>
    public static bool IsSuffix(string? value) => value is { Length: <= MaxSuffixLength } && NginxValues.IsDnsLabel(value);

    /// <summary>Returns whether <paramref name="value"/> is <c>https</c> or <c>http</c>.</summary>
    public static bool IsScheme(string? value) => value is "https" or "http";

    /// <summary>
    /// Parses an absolute http or https URL with a lowercase host name and no path, query or user info,
    /// and returns its origin without a trailing slash; null when it is not one.
    /// </summary>
    public static string? ParseBaseUrl(string? value)
    {
        if (value is null || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var plain = uri.Scheme is "http" or "https"
            && uri.UserInfo.Length == 0
            && uri.AbsolutePath == "/"
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0
            && NginxValues.IsHostName(uri.IdnHost);
        if (!plain)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }

    /// <summary>
    /// Resolves the values of one pass from <paramref name="options"/>, falling back to <paramref name="parameters"/>
    /// read from <c>ir_config_parameter</c>, then to the defaults.
    /// </summary>
    /// <exception cref="InvalidRouteSettingsException">A database value is invalid, or no base URL is known.</exception>
    public static RouteSettings Resolve(RoutingOptions options, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parameters);

        var suffix = options.Suffix ?? FromDatabase(parameters, SuffixKey, IsSuffix, "one lowercase DNS label such as 'vscode'") ?? DefaultSuffix;
        var scheme = options.Scheme ?? FromDatabase(parameters, SchemeKey, IsScheme, "'https' or 'http'") ?? DefaultScheme;
        var baseUrl = options.OpenBaseUrl is not null
            ? ParseBaseUrl(options.OpenBaseUrl)
            : FromDatabase(parameters, BaseUrlKey, value => ParseBaseUrl(value) is not null, "an http or https URL such as 'https://runbot.example.com'");

        if (baseUrl is null)
        {
            throw new InvalidRouteSettingsException(
                $"runbot's public URL is not known: ir_config_parameter '{BaseUrlKey}' is missing. Set Routing:OpenBaseUrl to runbot's main URL.");
        }

        return new RouteSettings(suffix, scheme, ParseBaseUrl(baseUrl)!, options.PublicPort);
    }

    /// <summary>Returns the origin of the editor named <paramref name="serverName"/>: scheme, name and, when set, the public port.</summary>
    public string OriginOf(string serverName) =>
        PublicPort is { } port ? $"{Scheme}://{serverName}:{port}" : $"{Scheme}://{serverName}";

    private static string? FromDatabase(IReadOnlyDictionary<string, string> parameters, string key, Func<string, bool> isValid, string expected)
    {
        if (!parameters.TryGetValue(key, out var value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (!isValid(trimmed))
        {
            throw new InvalidRouteSettingsException(
                $"ir_config_parameter '{key}' is invalid: got '{value}'; expected {expected}. Fix it in runbot's settings, or override it with the Routing section.");
        }

        return trimmed;
    }
}
