using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>Makes sure a build's code-server runs and responds, starting it in the build's container when needed.</summary>
public interface ICodeServerLauncher
{
    /// <summary>
    /// Finds the build's container, checks that code-server is installed in it, reuses a code-server that already
    /// responds or starts one, and waits until it responds to HTTP. Concurrent calls for one build start one
    /// code-server. Throws only for cancellation through <paramref name="cancellationToken"/>.
    /// </summary>
    Task<CodeServerStartResult> EnsureStartedAsync(RunningBuild build, CancellationToken cancellationToken);
}
