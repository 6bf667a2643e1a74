namespace RunbotVsCode.Layers;

/// <summary>The values of <c>runbot_docker_layer.layer_type</c>.</summary>
public static class DockerLayerTypes
{
    /// <summary>The content as is.</summary>
    public const string Raw = "raw";

    /// <summary>The content with <c>{KEY}</c> placeholders replaced by the layer's values.</summary>
    public const string Template = "template";

    /// <summary>Another layer, rendered with this layer's values passed in.</summary>
    public const string ReferenceLayer = "reference_layer";

    /// <summary>Every layer of another Dockerfile, rendered with this layer's values passed in.</summary>
    public const string ReferenceFile = "reference_file";

    /// <summary>A <c>RUN printf</c> that writes the content to <c>file_destination</c>.</summary>
    public const string File = "file";
}
