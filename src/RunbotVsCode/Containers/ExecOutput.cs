namespace RunbotVsCode.Containers;

/// <summary>The result of a command run to completion in a container.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="StandardOutput">What the command wrote to standard output.</param>
/// <param name="StandardError">What the command wrote to standard error.</param>
internal sealed record ExecOutput(long ExitCode, string StandardOutput, string StandardError);
