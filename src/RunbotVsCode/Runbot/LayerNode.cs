namespace RunbotVsCode.Runbot;

/// <summary>A <c>runbot_docker_layer</c> row, with the columns that decide what it renders.</summary>
public sealed class LayerNode
{
    /// <summary>Gets the row id.</summary>
    public int Id { get; init; }

    /// <summary>Gets the layer name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gets the Dockerfile the layer belongs to; NULL for a source layer shared by reference.</summary>
    public int? DockerfileId { get; init; }

    /// <summary>Gets the layer type: <c>raw</c>, <c>template</c>, <c>reference_layer</c>, <c>reference_file</c> or <c>file</c>.</summary>
    public string? LayerType { get; init; }

    /// <summary>Gets the referenced layer, read only when the type is <c>reference_layer</c>.</summary>
    public int? ReferenceLayerId { get; init; }

    /// <summary>Gets the referenced Dockerfile, read only when the type is <c>reference_file</c>.</summary>
    public int? ReferenceDockerfileId { get; init; }
}
