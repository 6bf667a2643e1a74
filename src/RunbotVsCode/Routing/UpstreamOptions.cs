namespace RunbotVsCode.Routing;

/// <summary>Settings of the <c>Upstream</c> section: how nginx reaches code-server in a build.</summary>
public sealed class UpstreamOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Upstream";

    /// <summary>Gets or sets how nginx reaches code-server. Default <see cref="UpstreamMode.Socket"/>.</summary>
    public UpstreamMode Mode { get; set; } = UpstreamMode.Socket;

    /// <summary>
    /// Gets or sets the host folder that holds runbot's build folders (<c>&lt;runbot addon&gt;/static/build</c>);
    /// each build's folder <c>&lt;dest&gt;</c> in it is mounted at <c>/data/build</c> in the build's containers.
    /// </summary>
    public string BuildRoot { get; set; } = "/home/runbot/odoo/runbot/runbot/static/build";

    /// <summary>Gets or sets the port code-server listens on inside the container in HostPort and ContainerIp modes. Default 8071.</summary>
    public int ContainerPort { get; set; } = 8071;

    /// <summary>Gets or sets the path of code-server's socket inside the container, in Socket mode.</summary>
    public string ContainerSocketPath { get; set; } = "/data/build/.vscode-server/code-server.sock";
}
