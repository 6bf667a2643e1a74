using System.Collections.Concurrent;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace RunbotVsCode.Containers;

/// <summary>Finds a build's container by name through the Docker Engine API.</summary>
public sealed class BuildContainerLocator
{
    /// <summary>The image label the code-server layer sets, with the installed code-server version as value.</summary>
    public const string CodeServerLabel = "org.runbot-vscode.code-server";

    private readonly IDockerClient _docker;

    // Image ids are content digests, so an id's labels never change and can be kept for the process's lifetime.
    private readonly ConcurrentDictionary<string, string?> _labelByImageId = new(StringComparer.Ordinal);

    /// <summary>Creates the locator.</summary>
    public BuildContainerLocator(IDockerClient docker)
    {
        ArgumentNullException.ThrowIfNull(docker);
        _docker = docker;
    }

    /// <summary>
    /// Inspects the container named <paramref name="containerName"/> and its image. Returns null when no such
    /// container exists, and throws <see cref="DockerUnavailableException"/> when the engine cannot be reached.
    /// </summary>
    public async Task<BuildContainer?> FindAsync(string containerName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName);

        try
        {
            var container = await _docker.Containers.InspectContainerAsync(containerName, cancellationToken).ConfigureAwait(false);
            var label = await GetCodeServerLabelAsync(container.Image, cancellationToken).ConfigureAwait(false);
            return ToBuildContainer(container, label);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            throw new DockerUnavailableException($"The Docker engine did not respond to the inspection of container {containerName}.", exception);
        }
    }

    /// <summary>Returns whether <paramref name="exception"/> means the engine is unreachable rather than a bad request.</summary>
    internal static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        DockerApiException api => (int)api.StatusCode >= 500,
        _ => false,
    };

    private async Task<string?> GetCodeServerLabelAsync(string imageId, CancellationToken cancellationToken)
    {
        if (_labelByImageId.TryGetValue(imageId, out var cached))
        {
            return cached;
        }

        string? label;
        try
        {
            var image = await _docker.Images.InspectImageAsync(imageId, cancellationToken).ConfigureAwait(false);
            label = image.Config?.Labels is { } labels && labels.TryGetValue(CodeServerLabel, out var value) ? value : null;
        }
        catch (DockerImageNotFoundException)
        {
            // runbot may have removed the image of a still running container; without it there is no label to read.
            return null;
        }

        _labelByImageId[imageId] = label;
        return label;
    }

    private static BuildContainer ToBuildContainer(ContainerInspectResponse container, string? label)
    {
        var state = container.State;
        return new BuildContainer(
            container.ID,
            container.Name.TrimStart('/'),
            state is { Running: true, Paused: false },
            container.Config?.User ?? string.Empty,
            container.Image,
            string.IsNullOrWhiteSpace(label) ? null : label,
            FindIpAddress(container.NetworkSettings));
    }

    private static string? FindIpAddress(NetworkSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(settings.IPAddress))
        {
            return settings.IPAddress;
        }

        return settings.Networks?.Values.Select(network => network.IPAddress).FirstOrDefault(address => !string.IsNullOrEmpty(address));
    }
}
