namespace RunbotVsCode.Layers;

/// <summary>One Dockerfile as the <c>dockerfile list</c> command shows it.</summary>
/// <param name="Id">The <c>runbot_dockerfile.id</c>.</param>
/// <param name="Name">The Dockerfile name.</param>
/// <param name="ImageTag">The image tag, such as <c>odoo:DockerDefault.chrome</c>.</param>
/// <param name="ParentName">The name of the Dockerfile this one is a variant of, or null.</param>
/// <param name="Active">Whether the Dockerfile is active; a NULL <c>active</c> counts as inactive.</param>
/// <param name="LayerCount">The number of layers whose <c>dockerfile_id</c> is this Dockerfile.</param>
/// <param name="ToBuild">Whether runbot builds it (<c>to_build</c>).</param>
/// <param name="InError">Whether its last build failed (<c>in_error</c>).</param>
/// <param name="CodeServerVersion">The code-server version its rendered text labels, or null without the code-server layer.</param>
/// <param name="ProblemCount">The number of problems met while rendering it.</param>
public sealed record DockerfileSummary(
    int Id,
    string Name,
    string? ImageTag,
    string? ParentName,
    bool Active,
    int LayerCount,
    bool ToBuild,
    bool InError,
    string? CodeServerVersion,
    int ProblemCount);
