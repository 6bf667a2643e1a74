namespace RunbotVsCode.Containers;

/// <summary>The outcome of <see cref="ICodeServerLauncher.EnsureStartedAsync"/>.</summary>
public enum CodeServerStartStatus
{
    /// <summary>The service started code-server and it responds.</summary>
    Ready,

    /// <summary>code-server was already running, or another request started it, and it responds.</summary>
    AlreadyRunning,

    /// <summary>The build's container is missing or not running: the build must be woken up in runbot first.</summary>
    Asleep,

    /// <summary>Neither the container's image label nor the build's Dockerfile layers say code-server is installed.</summary>
    NotAttachable,

    /// <summary>Starting code-server failed; the result carries the exit code and the last lines of its output.</summary>
    Failed,

    /// <summary>code-server did not respond within <see cref="CodeServerOptions.StartTimeout"/>.</summary>
    TimedOut,
}
