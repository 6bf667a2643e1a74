namespace RunbotVsCode.Runbot;

/// <summary>What one read of runbot's database returns: the running builds of this host and the settings around them.</summary>
/// <param name="Builds">The running builds of the host, sorted by id.</param>
/// <param name="Parameters">The <c>ir_config_parameter</c> values the service reads, by key.</param>
/// <param name="Graph">Every Dockerfile and layer.</param>
/// <param name="CodeServerLayerId">The id of the code-server source layer, or null when its external id is not found.</param>
/// <param name="Inclusion">Which Dockerfiles render the code-server layer.</param>
public sealed record RunbotSnapshot(
    IReadOnlyList<RunningBuild> Builds,
    IReadOnlyDictionary<string, string> Parameters,
    LayerGraph Graph,
    int? CodeServerLayerId,
    LayerInclusion Inclusion);
