using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>
/// Reads, in one Docker API call per pass, which running containers carry the code-server label and their network
/// addresses. Containers inherit their image's labels, so the list holds the label without inspecting each image.
/// When Docker cannot be reached, the result is empty and the database's layer check decides alone.
/// </summary>
public sealed partial class DockerContainerFacts : IContainerFactsSource
{
    private static readonly IReadOnlyDictionary<long, ContainerFacts> Empty = new Dictionary<long, ContainerFacts>();

    private readonly IDockerClient _docker;
    private readonly ILogger<DockerContainerFacts> _logger;
    private int _reportedUnavailable;

    /// <summary>Initializes the source.</summary>
    public DockerContainerFacts(IDockerClient docker, ILogger<DockerContainerFacts> logger)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(logger);

        _docker = docker;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, ContainerFacts>> GetAsync(IReadOnlyList<RunningBuild> builds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builds);

        IList<ContainerListResponse> containers;
        try
        {
            containers = await _docker.Containers.ListContainersAsync(new ContainersListParameters { All = false }, cancellationToken);
        }
        catch (Exception exception) when (BuildContainerLocator.IsUnavailable(exception, cancellationToken) || exception is DockerApiException)
        {
            if (Interlocked.Exchange(ref _reportedUnavailable, 1) == 0)
            {
                Log.Unavailable(_logger, exception.Message);
            }

            return Empty;
        }

        Interlocked.Exchange(ref _reportedUnavailable, 0);
        var byName = new Dictionary<string, ContainerListResponse>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            foreach (var name in container.Names ?? [])
            {
                byName[name.TrimStart('/')] = container;
            }
        }

        var facts = new Dictionary<long, ContainerFacts>();
        foreach (var build in builds)
        {
            if (build.ContainerName is { } name && byName.TryGetValue(name, out var container))
            {
                facts[build.Id] = new ContainerFacts(HasLabel(container), Address(container));
            }
        }

        return facts;
    }

    private static bool HasLabel(ContainerListResponse container) =>
        container.Labels is { } labels && labels.TryGetValue(BuildContainerLocator.CodeServerLabel, out var value) && !string.IsNullOrWhiteSpace(value);

    private static string? Address(ContainerListResponse container) =>
        container.NetworkSettings?.Networks?.Values.Select(network => network.IPAddress).FirstOrDefault(address => !string.IsNullOrEmpty(address));

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DockerUnavailableForRoutes, EventName = nameof(EventIds.DockerUnavailableForRoutes), Level = LogLevel.Warning,
            Message = "Docker cannot be asked for container labels and addresses, so routes follow the database alone until it answers: {Error}")]
        public static partial void Unavailable(ILogger logger, string error);
    }
}
