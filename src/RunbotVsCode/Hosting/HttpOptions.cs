namespace RunbotVsCode.Hosting;

/// <summary>Settings of the <c>Http</c> section: where this service's own endpoints listen.</summary>
public sealed class HttpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Http";

    /// <summary>Gets or sets the URLs Kestrel listens on, separated by <c>;</c>. Default <c>http://127.0.0.1:8079</c>.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8079";

    /// <summary>
    /// Gets or sets how often <c>serve</c> runs the readiness checks for the <c>runbotvscode_ready</c> gauge and the log.
    /// Default 15 seconds. <c>/readyz</c> always runs them when it is called.
    /// </summary>
    public TimeSpan ReadinessInterval { get; set; } = TimeSpan.FromSeconds(15);
}
