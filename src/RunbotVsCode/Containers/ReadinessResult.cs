namespace RunbotVsCode.Containers;

/// <summary>The result of waiting for code-server to respond.</summary>
/// <param name="Outcome">How the wait ended.</param>
/// <param name="StartedElsewhere">Whether the start found the build's lock held, so another request's code-server is the one that responds.</param>
/// <param name="ExitCode">The exit code when <paramref name="Outcome"/> is <see cref="ReadinessOutcome.Exited"/>.</param>
internal sealed record ReadinessResult(ReadinessOutcome Outcome, bool StartedElsewhere, long? ExitCode);
