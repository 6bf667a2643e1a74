using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>Makes sure code-server answers in a build's container before the browser is sent to it.</summary>
public interface ICodeServerStarter
{
    /// <summary>Starts code-server in <paramref name="build"/>'s container when it does not run yet, and waits until it answers.</summary>
    Task<StartOutcome> EnsureStartedAsync(RunningBuild build, CancellationToken cancellationToken = default);
}
