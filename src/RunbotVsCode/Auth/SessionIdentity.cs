using Microsoft.AspNetCore.Http;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>Finds the runbot user behind a browser request on runbot's main site, through Odoo's session and <c>res_users</c>.</summary>
public sealed class SessionIdentity
{
    private readonly OdooSessionClient _odoo;
    private readonly RunbotDirectory _directory;

    /// <summary>Initializes the lookup.</summary>
    public SessionIdentity(OdooSessionClient odoo, RunbotDirectory directory)
    {
        _odoo = odoo ?? throw new ArgumentNullException(nameof(odoo));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
    }

    /// <summary>
    /// Returns the request's user, or null when the browser has no session Odoo knows, so it must log in.
    /// A user who exists but is inactive or not internal is returned as is, for the caller to refuse.
    /// </summary>
    /// <exception cref="AccessUnavailableException">Odoo cannot be asked.</exception>
    public async Task<UserAccount?> FindUserAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        var sessionId = request.Cookies[OdooSessionClient.SessionCookieName];
        if (sessionId is null || await _odoo.GetSessionAsync(sessionId, cancellationToken) is not { } session)
        {
            return null;
        }

        return await _directory.FindUserAsync(session.UserId, cancellationToken) ?? new UserAccount(session.UserId, session.Login, false, true);
    }

    /// <summary>Returns the path of Odoo's login page that comes back to <paramref name="path"/>.</summary>
    public static string LoginRedirect(string path) => $"/web/login?redirect={Uri.EscapeDataString(path)}";
}
