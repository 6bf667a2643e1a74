namespace RunbotVsCode.Nginx;

/// <summary>Settings of the <c>Nginx</c> section: the file this service owns and the nginx that loads it.</summary>
public sealed class NginxOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Nginx";

    /// <summary>
    /// Gets or sets the path of the generated file, included at http level by the main config.
    /// This service owns it and rewrites it whole.
    /// </summary>
    public string ConfigPath { get; set; } = "/home/runbot/runbot/nginx/vscode/runbot-vscode.conf";

    /// <summary>Gets or sets the main nginx config that includes <see cref="ConfigPath"/>; <c>nginx -t</c> tests it.</summary>
    public string MainConfigPath { get; set; } = "/home/runbot/runbot/nginx/nginx.conf";

    /// <summary>Gets or sets the nginx prefix (<c>-p</c>) used to test and start nginx.</summary>
    public string Prefix { get; set; } = "/home/runbot/runbot/nginx/";

    /// <summary>Gets or sets the pid file of the nginx master that gets SIGHUP after a change.</summary>
    public string PidFile { get; set; } = "/home/runbot/runbot/nginx/nginx.pid";

    /// <summary>Gets or sets the nginx binary. Default <c>nginx</c>, looked up on PATH.</summary>
    public string Binary { get; set; } = "nginx";

    /// <summary>Gets or sets the <c>listen</c> value of each server block. Default <c>8080</c>, runbot's nginx port.</summary>
    public string Listen { get; set; } = "8080";

    /// <summary>Gets or sets the Scriban template rendered into <see cref="ConfigPath"/>. Default: the one shipped with the service.</summary>
    public string? TemplatePath { get; set; }

    /// <summary>Gets or sets whether a pass starts nginx when no master is running. Default true.</summary>
    public bool StartIfStopped { get; set; } = true;

    /// <summary>Gets or sets how long <c>nginx -t</c> or an nginx start may take. Default 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a reload may take until nginx runs workers on the new config. Default 10 minutes, because
    /// nginx reads the whole config again on reload: about 4 s at 10,000 builds and 29 s at 50,000 were measured on 2 cores.
    /// </summary>
    public TimeSpan ReloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how often a pass that finds the config unchanged still runs <c>nginx -t</c>, so a main config broken
    /// by someone else is reported before the next change needs a reload. Default 15 minutes, and zero turns it off.
    /// A failed check is repeated on every pass until it passes.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how long a pass waits for another pass holding the lock. Default 60 seconds.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the address nginx uses to reach this service's auth endpoints, as <c>host:port</c>.
    /// Default: the first <c>Http:Urls</c> entry.
    /// </summary>
    public string? AuthAddress { get; set; }

    /// <summary>Gets or sets the number of idle keepalive connections nginx keeps to this service. Default 32.</summary>
    public int AuthKeepalive { get; set; } = 32;
}
