namespace RunbotVsCode.Pages;

/// <summary>The pages a developer can see instead of the editor.</summary>
public enum PageKind
{
    /// <summary>The user is not an active internal user of runbot.</summary>
    Forbidden,

    /// <summary>No build has the requested id.</summary>
    BuildNotFound,

    /// <summary>The build exists but does not run.</summary>
    BuildNotRunning,

    /// <summary>The build's image has no code-server.</summary>
    NoCodeServer,

    /// <summary>The build's container is missing or stopped.</summary>
    Asleep,

    /// <summary>code-server did not start or did not answer in time.</summary>
    StartFailed,

    /// <summary>The link used to open the editor is invalid, expired or already used.</summary>
    TicketInvalid,

    /// <summary>The browser came back for access several times in a row without keeping the cookie.</summary>
    RedirectLoop,

    /// <summary>Runbot's database or its Odoo cannot be reached.</summary>
    Unavailable,

    /// <summary>The build's editor name cannot be formed from its database values.</summary>
    BuildNotRoutable,
}
