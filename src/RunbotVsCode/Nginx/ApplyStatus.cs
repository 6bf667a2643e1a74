namespace RunbotVsCode.Nginx;

/// <summary>What applying a candidate config did.</summary>
public enum ApplyStatus
{
    /// <summary>nginx already serves the candidate: nothing was written and nginx was not reloaded.</summary>
    Unchanged,

    /// <summary>The candidate passed <c>nginx -t</c>, replaced the file and nginx was reloaded or started.</summary>
    Applied,

    /// <summary>
    /// nginx rejected the candidate, and the previous file is back in place; or, on a recheck of an unchanged config,
    /// <c>nginx -t</c> failed, so the next reload would fail too.
    /// </summary>
    Rejected,

    /// <summary>The candidate passed <c>nginx -t</c> but nginx could not be reloaded; the next pass tries again.</summary>
    ReloadFailed,
}
