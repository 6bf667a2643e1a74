namespace RunbotVsCode.Layers;

/// <summary>Every Dockerfile with whether it includes the code-server layer, read from one snapshot.</summary>
/// <param name="CodeServerLayerId">The id of the code-server source layer, or null when it is not installed.</param>
/// <param name="Entries">Every Dockerfile, sorted by name then id.</param>
/// <param name="Cycles">The reference cycles met while following references, described row by row.</param>
public sealed record DockerfileList(int? CodeServerLayerId, IReadOnlyList<DockerfileListEntry> Entries, IReadOnlyList<string> Cycles);
