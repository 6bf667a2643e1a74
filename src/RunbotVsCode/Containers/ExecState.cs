namespace RunbotVsCode.Containers;

/// <summary>The state of a detached <c>docker exec</c> process.</summary>
/// <param name="IsRunning">Whether the process still runs.</param>
/// <param name="ExitCode">The exit code, meaningful once the process stopped.</param>
internal sealed record ExecState(bool IsRunning, long ExitCode);
