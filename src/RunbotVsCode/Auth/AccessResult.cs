namespace RunbotVsCode.Auth;

/// <summary>The answer auth_check gives nginx; the values are the HTTP statuses sent.</summary>
public enum AccessResult
{
    /// <summary>The request may reach code-server.</summary>
    Allowed = 204,

    /// <summary>No usable token: nginx sends the browser to the open route, which issues one.</summary>
    Unauthenticated = 401,

    /// <summary>A token for another build, a user who lost access, or a WebSocket from a foreign origin.</summary>
    Forbidden = 403,
}
