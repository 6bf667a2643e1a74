namespace RunbotVsCode.Containers;

/// <summary>Settings of the <c>CodeServer</c> section: how code-server is started in a build container.</summary>
public sealed class CodeServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "CodeServer";

    /// <summary>
    /// Gets or sets whether an open starts code-server with <c>docker exec</c> when it is not running. When false the
    /// service only waits for a code-server that something else started. Default true.
    /// </summary>
    public bool LazyStart { get; set; } = true;

    /// <summary>Gets or sets how long to wait for code-server to respond to HTTP after starting it. Default 15 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long code-server may serve no request before the service stops it; null turns the idle stop
    /// off. Default null.
    /// </summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// Gets or sets the octal mode of code-server's unix socket in Socket mode. Default <c>666</c>, because the nginx
    /// workers that connect to it often run as another user (www-data) that shares no group with the container's
    /// user. With <c>666</c> any local user who can search every folder above the socket can reach code-server
    /// without nginx's auth check, so use <c>660</c> when nginx's worker user is in the container user's group, or
    /// <c>600</c> when nginx runs as the runbot user itself, as runbot's own nginx does.
    /// </summary>
    public string SocketMode { get; set; } = "666";

    /// <summary>Gets or sets the user code-server runs as in the container; empty means the container's user. Default empty.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>Gets or sets extra command-line arguments passed to code-server after the service's own. Default none.</summary>
    public IList<string> ExtraArgs { get; set; } = [];

    /// <summary>Gets or sets the code-server program, a name looked up on the container's PATH or an absolute path. Default <c>code-server</c>.</summary>
    public string Binary { get; set; } = "code-server";

    /// <summary>
    /// Gets or sets the folder in the container for code-server's user data, extensions, config, log, pid and lock
    /// files. It lies in the build folder so it is kept and removed with the build. Default <c>/data/build/.vscode-server</c>.
    /// </summary>
    public string StateDirectory { get; set; } = "/data/build/.vscode-server";

    /// <summary>Gets or sets the folder code-server opens as its workspace. Default <c>/data/build</c>.</summary>
    public string Workspace { get; set; } = "/data/build";

    /// <summary>Gets or sets how often the service checks whether a starting code-server responds. Default 50 milliseconds.</summary>
    public TimeSpan ReadinessPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets how many of the last lines of code-server's output a failed start reports. Default 20.</summary>
    public int OutputTailLines { get; set; } = 20;
}
