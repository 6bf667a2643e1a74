namespace RunbotVsCode.Layers;

/// <summary>One row of <c>runbot_dockerfile</c>, with raw database values.</summary>
/// <param name="Id">The <c>id</c>.</param>
/// <param name="Name">The <c>name</c>; variants of different parents may share one.</param>
/// <param name="ParentId">The <c>parent_id</c>: set when this Dockerfile is a variant of another.</param>
/// <param name="Active">The <c>active</c> flag; inactive Dockerfiles still render.</param>
/// <param name="ImageTag">The <c>image_tag</c>, such as <c>odoo:DockerDefault</c>; unique.</param>
/// <param name="ImageIdentifier">The <c>image_identifier</c>: the image id in use.</param>
/// <param name="DefaultValues">The <c>default_values</c> jsonb as JSON text, or null.</param>
/// <param name="ToBuild">The <c>to_build</c> flag.</param>
/// <param name="InError">The <c>in_error</c> flag: the last build failed.</param>
public sealed record DockerfileRow(
    int Id,
    string Name,
    int? ParentId = null,
    bool? Active = true,
    string? ImageTag = null,
    string? ImageIdentifier = null,
    string? DefaultValues = null,
    bool? ToBuild = null,
    bool? InError = null);
