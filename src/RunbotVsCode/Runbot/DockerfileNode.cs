namespace RunbotVsCode.Runbot;

/// <summary>A <c>runbot_dockerfile</c> row, with the columns the layer graph and the routes need.</summary>
public sealed class DockerfileNode
{
    /// <summary>Gets the row id.</summary>
    public int Id { get; init; }

    /// <summary>Gets the Dockerfile name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gets the Dockerfile this one is a variant of, when set.</summary>
    public int? ParentId { get; init; }

    /// <summary>Gets the image tag, such as <c>odoo:DockerDefault</c>.</summary>
    public string? ImageTag { get; init; }

    /// <summary>Gets whether the row is active; NULL in the database reads as false.</summary>
    public bool Active { get; init; }
}
