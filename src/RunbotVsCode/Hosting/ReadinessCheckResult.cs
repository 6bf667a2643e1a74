namespace RunbotVsCode.Hosting;

/// <summary>The result of one readiness check.</summary>
/// <param name="Name">The check: <c>database</c>, <c>pass</c>, <c>nginx</c> or <c>docker</c>.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Detail">One sentence about what was found.</param>
public sealed record ReadinessCheckResult(string Name, bool Passed, string Detail);
