namespace RunbotVsCode.Generation;

/// <summary>How a pass ended.</summary>
public enum PassOutcome
{
    /// <summary>A changed config was applied and nginx reloaded.</summary>
    Applied,

    /// <summary>nginx already serves the rendered config.</summary>
    Unchanged,

    /// <summary>The config was rendered and printed, and nothing was written.</summary>
    DryRun,

    /// <summary>Reading the database, resolving settings or rendering failed; the current config stays.</summary>
    Failed,

    /// <summary>nginx rejected the candidate; the previous config stays.</summary>
    Rejected,

    /// <summary>The candidate passed <c>nginx -t</c> but nginx could not be reloaded.</summary>
    ReloadFailed,
}
