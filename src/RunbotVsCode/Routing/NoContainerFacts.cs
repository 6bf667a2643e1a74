using RunbotVsCode.Runbot;

namespace RunbotVsCode.Routing;

/// <summary>A source that never queries Docker, for sites where routes depend on the database alone.</summary>
public sealed class NoContainerFacts : IContainerFactsSource
{
    private static readonly IReadOnlyDictionary<long, ContainerFacts> Empty = new Dictionary<long, ContainerFacts>();

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<long, ContainerFacts>> GetAsync(IReadOnlyList<RunningBuild> builds, CancellationToken cancellationToken = default) =>
        Task.FromResult(Empty);
}
