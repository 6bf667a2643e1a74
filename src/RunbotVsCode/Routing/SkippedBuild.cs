namespace RunbotVsCode.Routing;

/// <summary>A running build left out of the nginx config, with the reason.</summary>
/// <param name="BuildId">The build id.</param>
/// <param name="Reason">The reason category, used for metrics.</param>
/// <param name="Detail">A sentence naming the offending value and the rule it broke.</param>
public sealed record SkippedBuild(long BuildId, SkipReason Reason, string Detail);
