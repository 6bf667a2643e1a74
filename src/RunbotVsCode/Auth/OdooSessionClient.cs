using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>
/// Asks runbot's own Odoo who a browser session belongs to, with <c>POST /web/session/get_session_info</c> and the
/// browser's <c>session_id</c> cookie. Odoo's session files cannot be read from here, so Odoo stays the judge.
/// </summary>
public sealed class OdooSessionClient
{
    /// <summary>The name of Odoo's session cookie.</summary>
    public const string SessionCookieName = "session_id";

    private const int MaxSessionIdLength = 256;
    private readonly HttpClient _http;

    /// <summary>Initializes the client on an <see cref="HttpClient"/> configured by the host.</summary>
    public OdooSessionClient(HttpClient http, IOptions<RunbotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);

        _http = http;
        _http.BaseAddress = new Uri(options.Value.OdooUrl);
        _http.Timeout = options.Value.OdooTimeout;
    }

    /// <summary>Returns the session's user, or null when Odoo does not know the session (expired or logged out).</summary>
    /// <exception cref="AccessUnavailableException">Odoo cannot be reached or answers with something other than JSON-RPC.</exception>
    public async Task<OdooSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionId);

        // A session id is Odoo's own token of letters, digits and '_-'; anything else cannot be a session.
        if (sessionId.Length is 0 or > MaxSessionIdLength || !sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/web/session/get_session_info")
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", method = "call", @params = new { } }),
        };
        request.Headers.Add("Cookie", $"{SessionCookieName}={sessionId}");

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new AccessUnavailableException($"Runbot's Odoo answered HTTP {(int)response.StatusCode} to get_session_info; check Runbot:OdooUrl.");
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return ReadSession(document.RootElement);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AccessUnavailableException($"Runbot's Odoo at {_http.BaseAddress} cannot be asked who the user is: {exception.Message}", exception);
        }
    }

    private static OdooSession? ReadSession(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _))
        {
            return null;
        }

        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("uid", out var uid) || uid.ValueKind != JsonValueKind.Number || !uid.TryGetInt64(out var userId) || userId <= 0)
        {
            return null;
        }

        var login = result.TryGetProperty("username", out var username) && username.ValueKind == JsonValueKind.String ? username.GetString() ?? "" : "";
        return new OdooSession(userId, login);
    }
}
