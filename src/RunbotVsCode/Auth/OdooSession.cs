namespace RunbotVsCode.Auth;

/// <summary>Who runbot's Odoo says the browser's session belongs to.</summary>
/// <param name="UserId">The user id (<c>res_users.id</c>).</param>
/// <param name="Login">The login Odoo reports, for log lines.</param>
public sealed record OdooSession(long UserId, string Login);
