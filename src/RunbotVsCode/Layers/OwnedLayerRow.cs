namespace RunbotVsCode.Layers;

/// <summary>
/// An <c>ir_model_data</c> row of the layer commands and the <c>runbot_docker_layer</c> row it names, if that row
/// still exists.
/// </summary>
internal sealed class OwnedLayerRow
{
    /// <summary>Gets the <c>ir_model_data.id</c>.</summary>
    public int XmlIdRowId { get; init; }

    /// <summary>Gets the model the external id names; <c>runbot.docker_layer</c> for every row the commands write.</summary>
    public string Model { get; init; } = "";

    /// <summary>Gets the <c>res_id</c>.</summary>
    public int? ResId { get; init; }

    /// <summary>Gets the id of the layer row, or null when <c>res_id</c> names no row.</summary>
    public int? LayerId { get; init; }

    /// <summary>Gets the layer's <c>dockerfile_id</c>.</summary>
    public int? DockerfileId { get; init; }

    /// <summary>Gets the layer's <c>layer_type</c>.</summary>
    public string? LayerType { get; init; }

    /// <summary>Gets the layer's <c>content</c>.</summary>
    public string? Content { get; init; }

    /// <summary>Gets the layer's <c>reference_docker_layer_id</c>.</summary>
    public int? ReferenceLayerId { get; init; }

    /// <summary>Gets whether the layer's <c>values</c> equal, as JSON, the values the command would write.</summary>
    public bool ValuesMatch { get; init; }
}
