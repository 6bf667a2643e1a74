namespace RunbotVsCode.Nginx;

/// <summary>What a reload did.</summary>
public enum ReloadOutcome
{
    /// <summary>The running master was sent SIGHUP.</summary>
    Signaled,

    /// <summary>No master was running, so nginx was started.</summary>
    Started,
}
