namespace RunbotVsCode.Runbot;

/// <summary>Settings of the <c>Runbot</c> section: where runbot's database is and which host this instance serves.</summary>
public sealed class RunbotOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Runbot";

    /// <summary>The default external id of the code-server source layer.</summary>
    public const string DefaultCodeServerLayerXmlId = "runbot_attach_vscode.docker_layer_code_server";

    /// <summary>Gets or sets the Npgsql connection string of runbot's database. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Gets or sets the host name this instance serves, compared with <c>runbot_build.host</c>.
    /// Default: the machine's fully qualified name, as runbot records it.
    /// </summary>
    public string? HostName { get; set; }

    /// <summary>Gets or sets the external id (<c>module.name</c>) of the code-server source layer in <c>ir_model_data</c>.</summary>
    public string CodeServerLayerXmlId { get; set; } = DefaultCodeServerLayerXmlId;

    /// <summary>
    /// Gets or sets the URL of runbot's own Odoo, which the open route asks who the user is.
    /// Default <c>http://127.0.0.1:8069</c>.
    /// </summary>
    public string OdooUrl { get; set; } = "http://127.0.0.1:8069";

    /// <summary>Gets or sets how long a call to runbot's Odoo may take. Default 10 seconds.</summary>
    public TimeSpan OdooTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long one database command may run. Default 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
