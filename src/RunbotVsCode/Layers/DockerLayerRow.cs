namespace RunbotVsCode.Layers;

/// <summary>One row of <c>runbot_docker_layer</c>, with raw database values.</summary>
/// <param name="Id">The <c>id</c>.</param>
/// <param name="Name">The <c>name</c>, written in the layer's <c># name</c> comment.</param>
/// <param name="Sequence">The <c>sequence</c>; layers of a Dockerfile render in <c>sequence, id</c> order.</param>
/// <param name="DockerfileId">The <c>dockerfile_id</c>, or null for a layer that only others reference.</param>
/// <param name="LayerType">The <c>layer_type</c>: one of the <see cref="DockerLayerTypes"/> values.</param>
/// <param name="Content">The <c>content</c>.</param>
/// <param name="Packages">The <c>packages</c>: names separated by spaces or lines, <c>#</c> starting a comment.</param>
/// <param name="FileDestination">The <c>file_destination</c> of a <c>file</c> layer.</param>
/// <param name="ReferenceDockerLayerId">The <c>reference_docker_layer_id</c> of a <c>reference_layer</c> layer.</param>
/// <param name="ReferenceDockerfileId">The <c>reference_dockerfile_id</c> of a <c>reference_file</c> layer.</param>
/// <param name="Values">The <c>values</c> jsonb as JSON text, or null.</param>
public sealed record DockerLayerRow(
    int Id,
    string Name,
    int? Sequence = 100,
    int? DockerfileId = null,
    string? LayerType = DockerLayerTypes.Raw,
    string? Content = null,
    string? Packages = null,
    string? FileDestination = null,
    int? ReferenceDockerLayerId = null,
    int? ReferenceDockerfileId = null,
    string? Values = null);
