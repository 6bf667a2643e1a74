namespace RunbotVsCode.Routing;

/// <summary>Settings of the <c>Routing</c> section: the public names of the editors.</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Routing";

    /// <summary>
    /// Gets or sets the label appended to a build's dest, giving <c>&lt;dest&gt;-&lt;suffix&gt;.&lt;host&gt;</c>.
    /// Default: <c>ir_config_parameter</c> key <c>runbot_attach_vscode.url_suffix</c>, else <c>vscode</c>.
    /// </summary>
    public string? Suffix { get; set; }

    /// <summary>
    /// Gets or sets the scheme browsers use to reach the editors (<c>https</c> or <c>http</c>).
    /// Default: <c>ir_config_parameter</c> key <c>runbot_attach_vscode.scheme</c>, else <c>https</c>.
    /// </summary>
    public string? Scheme { get; set; }

    /// <summary>
    /// Gets or sets the base URL of runbot's main site, where the open route lives.
    /// Default: <c>ir_config_parameter</c> key <c>web.base.url</c>.
    /// </summary>
    public string? OpenBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the port browsers use to reach the editors when it is not the scheme's default, as in a demo or test
    /// on a high port. Default: none, so editor URLs carry no port.
    /// </summary>
    public int? PublicPort { get; set; }
}
