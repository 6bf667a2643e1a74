namespace RunbotVsCode.Containers;

/// <summary>How waiting for code-server to respond ended.</summary>
internal enum ReadinessOutcome
{
    /// <summary>code-server responds to HTTP.</summary>
    Responding,

    /// <summary>The started process exited before code-server responded.</summary>
    Exited,

    /// <summary>code-server did not respond within the start timeout.</summary>
    TimedOut,
}
