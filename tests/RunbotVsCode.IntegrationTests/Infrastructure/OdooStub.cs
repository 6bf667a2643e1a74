using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A stand-in for runbot's Odoo, which cannot run here: it answers <c>POST /web/session/get_session_info</c> the way
/// Odoo does, with the session's user for a known <c>session_id</c> cookie and Odoo's "session expired" error otherwise.
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
