namespace RunbotVsCode.Runbot;

/// <summary>A <c>res_users</c> row, with what access decisions need.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Login">The login, for log lines and pages.</param>
/// <param name="Active">Whether the user is active; NULL reads as false.</param>
/// <param name="Share">Whether the user is a portal or public user; NULL reads as true, so an unknown kind is never internal.</param>
public sealed record UserAccount(long Id, string Login, bool Active, bool Share)
{
    /// <summary>Gets whether the user may open VS Code: active and internal (<c>share = false</c>, true on every Odoo version).</summary>
    public bool IsActiveInternal => Active && !Share;
}
