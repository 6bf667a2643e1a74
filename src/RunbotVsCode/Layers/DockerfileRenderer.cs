namespace RunbotVsCode.Layers;

/// <summary>
/// Renders Dockerfiles from runbot's layer rows the way runbot does, byte for byte, and reports the defects
/// runbot would hang or fail on (reference cycles, unknown layer types, dangling references) as error lines.
/// </summary>
public sealed class DockerfileRenderer
{
    private readonly DockerfileGraph _graph;
    private readonly RunbotUser _user;

    /// <summary>Creates a renderer over these rows for the runbot process running as this user.</summary>
    public DockerfileRenderer(DockerfileGraph graph, RunbotUser user)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Name);
        if (user.Name.Any(character => char.IsWhiteSpace(character) || char.IsControl(character)))
        {
            throw new ArgumentException($"The runbot user name '{user.Name}' is invalid: it contains a space or control character.", nameof(user));
        }

        _graph = graph;
        _user = user;
    }

    /// <summary>Renders the Dockerfile with this id; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public DockerfileRendering RenderDockerfile(int dockerfileId)
    {
        var dockerfile = _graph.FindDockerfile(dockerfileId)
            ?? throw new KeyNotFoundException($"Dockerfile id {dockerfileId} not found in runbot_dockerfile.");

        return new DockerfileRenderSession(_graph, _user).RenderDockerfile(dockerfile);
    }

    /// <summary>
    /// Renders one layer on its own, as runbot's <c>rendered</c> field shows it; throws
    /// <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    public DockerfileRendering RenderLayer(int layerId)
    {
        var layer = _graph.FindLayer(layerId)
            ?? throw new KeyNotFoundException($"Layer id {layerId} not found in runbot_docker_layer.");

        return new DockerfileRenderSession(_graph, _user).RenderSingleLayer(layer);
    }
}
