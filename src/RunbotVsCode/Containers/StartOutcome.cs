namespace RunbotVsCode.Containers;

/// <summary>What starting code-server in a build gave.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">For a failure, what went wrong: exit code and code-server's last output lines.</param>
public sealed record StartOutcome(StartStatus Status, string Detail)
{
    /// <summary>An outcome for a code-server that answers.</summary>
    public static StartOutcome Ready { get; } = new(StartStatus.Ready, "");
}
