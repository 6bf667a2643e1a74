using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation;

/// <summary>The outcome of one pass.</summary>
/// <param name="Outcome">How the pass ended.</param>
/// <param name="Message">A one-line reason when the pass failed; empty otherwise.</param>
/// <param name="Routes">The routes and skipped builds, when the database was read.</param>
/// <param name="Content">The rendered config, when rendering succeeded.</param>
/// <param name="Diff">A unified diff of the applied config against the rendered one, when requested.</param>
/// <param name="Duration">How long the pass took.</param>
public sealed record PassResult(PassOutcome Outcome, string Message, RouteTable? Routes, string? Content, string? Diff, TimeSpan Duration)
{
    /// <summary>Gets the exit code of <c>runbot-vscode regen</c>: 0 applied, unchanged or dry run; 1 failed; 3 rejected by nginx; 4 reload failed.</summary>
    public int ExitCode => Outcome switch
    {
        PassOutcome.Applied or PassOutcome.Unchanged or PassOutcome.DryRun => 0,
        PassOutcome.Rejected => 3,
        PassOutcome.ReloadFailed => 4,
        _ => 1,
    };

    /// <summary>Gets whether the pass left nginx serving the config built from the database.</summary>
    public bool Succeeded => ExitCode == 0;
}
