namespace RunbotVsCode.Containers;

/// <summary>A build's container as the Docker engine reports it.</summary>
/// <param name="Id">The container id.</param>
/// <param name="Name">The container name, without Docker's leading slash.</param>
/// <param name="IsRunning">Whether the container is running (and not paused).</param>
/// <param name="User">The user the container runs as (<c>Config.User</c>); empty means the image's default.</param>
/// <param name="ImageId">The id of the image the container runs.</param>
/// <param name="CodeServerVersion">The image's <c>org.runbot-vscode.code-server</c> label, or null when absent.</param>
/// <param name="IpAddress">The container's address on its first network that has one, or null.</param>
public sealed record BuildContainer(
    string Id,
    string Name,
    bool IsRunning,
    string User,
    string ImageId,
    string? CodeServerVersion,
    string? IpAddress);
