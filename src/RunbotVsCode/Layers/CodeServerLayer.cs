namespace RunbotVsCode.Layers;

/// <summary>A runbot <c>template</c> layer that installs code-server, ready to store in <c>runbot_docker_layer</c>.</summary>
/// <param name="Name">The layer name, written in the Dockerfile's comment over the layer.</param>
/// <param name="Content">The layer's <c>content</c>, with runbot's <c>{CODE_SERVER_VERSION}</c> placeholders left in.</param>
/// <param name="Values">The layer's <c>values</c> as a JSON object: the default version and, when configured, the SHA-256.</param>
public sealed record CodeServerLayer(string Name, string Content, string Values);
