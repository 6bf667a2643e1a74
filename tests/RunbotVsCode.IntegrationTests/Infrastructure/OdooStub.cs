using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A stand-in for runbot's Odoo, which cannot run here: it answers <c>POST /web/session/get_session_info</c> the way
/// Odoo does, with the session's user for a known <c>session_id</c> cookie and Odoo's "session expired" error otherwise.
/// Its <c>/web/login</c> page logs a browser in as any known session's user with one button each, and then follows
/// <c>redirect</c> when it is a local path, as Odoo's login does.
/// </summary>
public sealed class OdooStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (long UserId, string Login)> _sessions = new();

    private OdooStub(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>Gets the URL to set as <c>Runbot:OdooUrl</c>.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the stub on a free loopback port.</summary>
    public static async Task<OdooStub> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var stub = new OdooStub(app, port);
        app.MapPost("/web/session/get_session_info", stub.SessionInfo);
        app.MapGet("/web/login", stub.LoginPage);
        app.MapPost("/web/login", stub.LoginAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>Makes <paramref name="sessionId"/> a logged-in session of <paramref name="userId"/>.</summary>
    public void AddSession(string sessionId, long userId, string login) => _sessions[sessionId] = (userId, login);

    private IResult SessionInfo(HttpRequest request)
    {
        var sessionId = request.Cookies["session_id"];
        if (sessionId is null || !_sessions.TryGetValue(sessionId, out var session))
        {
            return Results.Json(new
            {
                jsonrpc = "2.0",
                id = (object?)null,
                error = new { code = 100, message = "Odoo Session Expired", data = new { name = "odoo.http.SessionExpiredException" } },
            });
        }

        return Results.Json(new
        {
            jsonrpc = "2.0",
            id = (object?)null,
            result = new { uid = session.UserId, is_internal_user = true, username = session.Login, db = "runbot" },
        });
    }

    /// <summary>Returns <paramref name="redirect"/> when it is a path on this site, else <c>/web</c>, so the login is no open redirect.</summary>
    private static string LocalRedirect(string? redirect)
    {
        // Browsers read "//host" and "/\host" as another site.
        var local = redirect is not null && redirect.StartsWith('/') && !redirect.StartsWith("//", StringComparison.Ordinal) && !redirect.StartsWith("/\\", StringComparison.Ordinal);
        return local ? redirect! : "/web";
    }

    private ContentHttpResult LoginPage(HttpRequest request)
    {
        var action = $"/web/login{request.QueryString}";
        var buttons = _sessions.Values
            .Select(session => session.Login)
            .Order(StringComparer.Ordinal)
            .Select(login => $"<button type=\"submit\" name=\"login\" value=\"{HtmlEncoder.Default.Encode(login)}\">Log in as {HtmlEncoder.Default.Encode(login)}</button>");
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Odoo login</title></head>
            <body><form method="post" action="{HtmlEncoder.Default.Encode(action)}">{string.Concat(buttons)}</form></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private async Task<IResult> LoginAsync(HttpRequest request, HttpResponse response)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var login = form["login"].ToString();
        var match = _sessions.FirstOrDefault(pair => pair.Value.Login == login);
        if (match.Key is null)
        {
            return Results.BadRequest($"No session is known for login '{login}'.");
        }

        response.Cookies.Append("session_id", match.Key, new CookieOptions { HttpOnly = true, Path = "/", SameSite = SameSiteMode.Lax });
        return Results.Redirect(LocalRedirect(request.Query["redirect"]));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
