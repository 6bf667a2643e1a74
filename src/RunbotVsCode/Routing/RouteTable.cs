namespace RunbotVsCode.Routing;

/// <summary>The routes of one pass and the builds left out.</summary>
/// <param name="Routes">The routes, sorted by build id.</param>
/// <param name="Skipped">The builds left out, sorted by build id.</param>
public sealed record RouteTable(IReadOnlyList<BuildRoute> Routes, IReadOnlyList<SkippedBuild> Skipped);
