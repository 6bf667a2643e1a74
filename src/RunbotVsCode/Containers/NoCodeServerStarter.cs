using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>A starter for sites whose images start code-server themselves: it reports every build as ready.</summary>
public sealed class NoCodeServerStarter : ICodeServerStarter
{
    /// <inheritdoc />
    public Task<StartOutcome> EnsureStartedAsync(RunningBuild build, CancellationToken cancellationToken = default) =>
        Task.FromResult(StartOutcome.Ready);
}
