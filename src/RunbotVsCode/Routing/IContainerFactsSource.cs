using RunbotVsCode.Runbot;

namespace RunbotVsCode.Routing;

/// <summary>Asks Docker about the containers of running builds.</summary>
public interface IContainerFactsSource
{
    /// <summary>
    /// Returns what Docker reports for each build it has a container of, by build id. A build without a container is absent, and
    /// an unreachable Docker gives an empty result, so the database's layer check decides alone.
    /// </summary>
    Task<IReadOnlyDictionary<long, ContainerFacts>> GetAsync(IReadOnlyList<RunningBuild> builds, CancellationToken cancellationToken = default);
}
