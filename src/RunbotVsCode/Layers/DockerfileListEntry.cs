namespace RunbotVsCode.Layers;

/// <summary>One Dockerfile as <c>dockerfile list</c> shows it: its summary and how it includes the code-server layer.</summary>
/// <param name="Summary">The Dockerfile's summary.</param>
/// <param name="CodeServerPath">
/// The rows from the Dockerfile to the installed code-server source layer, each described as <c>layer 41 'name'
/// (type)</c>; null when the Dockerfile does not render that layer.
/// </param>
public sealed record DockerfileListEntry(DockerfileSummary Summary, IReadOnlyList<string>? CodeServerPath);
