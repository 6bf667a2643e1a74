namespace RunbotVsCode.Auth;

/// <summary>Settings of the <c>Auth</c> section: lifetimes of access tokens and tickets, and the cookie name.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>Gets or sets how long an access token, and so the VS Code cookie, is accepted. Default 4 hours, from 1 minute to 30 days.</summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets how long a ticket is accepted. Default 60 seconds, from 1 second to 60 seconds.</summary>
    public TimeSpan TicketTtl { get; set; } = TicketCodec.MaxLifetime;

    /// <summary>
    /// Gets or sets how long a user's active and internal status is cached before it is read again, which is how
    /// late a deactivation takes effect. Default 30 seconds, from 0 (no cache) to 1 hour.
    /// </summary>
    public TimeSpan UserCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long <c>database.secret</c> is used before it is read again, which is how late a changed secret
    /// invalidates every token. Default 30 seconds, from 1 second to 1 hour.
    /// </summary>
    public TimeSpan SecretRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the cookie name, default <c>runbot_vscode</c>: up to 64 characters from <c>[A-Za-z0-9_-]</c>.
    /// Over HTTPS the cookie is named with the <c>__Host-</c> prefix added, see <see cref="AuthCookie"/>.
    /// </summary>
    public string CookieName { get; set; } = AuthCookie.DefaultName;

    /// <summary>
    /// Gets the secrets whose tokens and tickets are still accepted but never signed with, such as the previous
    /// <c>database.secret</c> during a rotation. Each is at least 16 characters long.
    /// </summary>
    public IList<string> ExtraVerificationSecrets { get; } = [];
}
