using RunbotVsCode.Runbot;

namespace RunbotVsCode.Routing;

/// <summary>Asks Docker about the containers of running builds.</summary>
public interface IContainerFactsSource
{
    /// <summary>
    /// Returns what Docker reports for each build it knows, by build id. A build Docker does not know is absent, and
    /// an unreachable Docker gives an empty result, so the database's layer check decides alone.
    /// </summary>
    Task<IReadOnlyDictionary<long, ContainerFacts>> GetAsync(IReadOnlyList<RunningBuild> builds, CancellationToken cancellationToken = default);
}
