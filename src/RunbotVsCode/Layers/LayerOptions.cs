namespace RunbotVsCode.Layers;

/// <summary>Settings of the <c>Layer</c> section: what the code-server layer installs into runbot images.</summary>
public sealed class LayerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Layer";

    /// <summary>Gets or sets the default code-server release, such as <c>4.104.0</c>; a referencing layer may override it.</summary>
    public string Version { get; set; } = "4.104.0";

    /// <summary>Gets or sets the SHA-256 of the release's amd64 .deb as 64 hex digits; no check when empty. Default none.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Gets or sets how long runbot reuses its downloaded copy of the .deb, in whole seconds. Default 7 days.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets whether to install Debian's <c>nodejs</c> and <c>npm</c> packages. Default false.</summary>
    public bool NodeJs { get; set; }

    /// <summary>Gets or sets npm packages installed globally, such as <c>@openai/codex</c>; needs <see cref="NodeJs"/>. Default none.</summary>
    public List<string> CliTools { get; set; } = [];

    /// <summary>Gets or sets VS Code extension ids (<c>publisher.name</c>, optionally <c>@version</c>) to preinstall. Default none.</summary>
    public List<string> Extensions { get; set; } = [];

    /// <summary>Gets or sets the Scriban template of the layer, relative to the content root. Default <c>templates/layers/code-server.scriban</c>.</summary>
    public string TemplatePath { get; set; } = "templates/layers/code-server.scriban";

    /// <summary>
    /// Gets or sets the uid of the runbot process, which runbot passes to layers as <c>USERUID</c>.
    /// Default: the uid of this process, right when both run as the same user.
    /// </summary>
    public int? RunbotUid { get; set; }

    /// <summary>Gets or sets the gid of the runbot process (<c>USERGID</c>). Default: the gid of this process.</summary>
    public int? RunbotGid { get; set; }

    /// <summary>
    /// Gets or sets the user name of the runbot process (<c>USERNAME</c>, and the final <c>USER</c> line).
    /// Default: the user name of this process.
    /// </summary>
    public string? RunbotUserName { get; set; }

    /// <summary>
    /// Gets or sets the <c>res_users.id</c> written as <c>create_uid</c> and <c>write_uid</c> on the rows the layer
    /// commands write. Default 1, Odoo's superuser.
    /// </summary>
    public int WriteUid { get; set; } = 1;
}
