namespace RunbotVsCode.Containers;

/// <summary>The outcome of making sure a build's code-server runs.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Upstream">Where code-server listens, when the status is Ready, AlreadyRunning, Failed or TimedOut.</param>
/// <param name="ContainerId">The build container's id, when the container was found.</param>
/// <param name="TimeToReady">How long the call took until code-server responded, for Ready and AlreadyRunning.</param>
/// <param name="ExitCode">The exit code of the failed start, when it exited.</param>
/// <param name="OutputTail">The last lines of code-server's output, for Failed and TimedOut; empty otherwise.</param>
/// <param name="Detail">A sentence for the log or the error page saying why, for every status but Ready and AlreadyRunning.</param>
public sealed record CodeServerStartResult(
    CodeServerStartStatus Status,
    CodeServerUpstream? Upstream,
    string? ContainerId,
    TimeSpan? TimeToReady,
    long? ExitCode,
    IReadOnlyList<string> OutputTail,
    string? Detail)
{
    /// <summary>Gets whether code-server responds at <see cref="Upstream"/>.</summary>
    public bool IsReady => Status is CodeServerStartStatus.Ready or CodeServerStartStatus.AlreadyRunning;

    internal static CodeServerStartResult Running(CodeServerStartStatus status, CodeServerUpstream upstream, string? containerId, TimeSpan timeToReady) =>
        new(status, upstream, containerId, timeToReady, null, [], null);

    internal static CodeServerStartResult NotStarted(CodeServerStartStatus status, string? containerId, string detail) =>
        new(status, null, containerId, null, null, [], detail);
}
