using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Containers;
using RunbotVsCode.Generation;
using RunbotVsCode.Pages;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>
/// The exchange on the build's own name: it redeems the ticket, has code-server started, and sets the build's
/// host-only cookie, then sends the browser to <c>/</c> so the ticket leaves the address bar.
/// </summary>
public sealed partial class ExchangeFlow
{
    private readonly RegenPass _pass;
    private readonly KeyRingSource _keys;
    private readonly RunbotDirectory _directory;
    private readonly ICodeServerLauncher _starter;
    private readonly AccessMetrics _metrics;
    private readonly AuthOptions _auth;
    private readonly ILogger<ExchangeFlow> _logger;

    /// <summary>Initializes the flow.</summary>
    public ExchangeFlow(RegenPass pass, KeyRingSource keys, RunbotDirectory directory, ICodeServerLauncher starter, AccessMetrics metrics, IOptions<AuthOptions> auth, ILogger<ExchangeFlow> logger)
    {
        ArgumentNullException.ThrowIfNull(auth);

        _pass = pass ?? throw new ArgumentNullException(nameof(pass));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _starter = starter ?? throw new ArgumentNullException(nameof(starter));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _auth = auth.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Handles <c>GET /__vscode/exchange?build=&lt;id&gt;&amp;ticket=...</c>, the build id coming from the generated config.</summary>
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        var request = context.Request;
        if (BuildIds.Parse(request.Query["build"]) is not { } buildId || !_pass.Routes.TryGet(buildId, out var route, out var build))
        {
            return Finish(Results.NotFound(), "not_routed", null, null);
        }

        var tickets = request.Query["ticket"];
        try
        {
            var codecs = await _keys.GetAsync(cancellationToken);
            var redeemed = codecs.Tickets.Redeem(tickets.Count == 1 ? tickets[0] : null, buildId);
            if (!redeemed.IsValid)
            {
                Log.TicketRejected(_logger, buildId, redeemed.Status, redeemed.Reason);
                return Finish(ErrorPage.Result(request, PageKind.TicketInvalid, buildId, route.OpenUrl), "ticket_" + redeemed.Status, buildId, redeemed.Claims?.UserId);
            }

            var userId = redeemed.Claims!.UserId;
            var user = await _directory.FindUserAsync(userId, cancellationToken);
            if (user?.IsActiveInternal != true)
            {
                return Finish(ErrorPage.Result(request, PageKind.Forbidden, buildId, null), "forbidden", buildId, userId);
            }

            var started = await _starter.EnsureStartedAsync(build, cancellationToken);
            if (PageFor(started.Status) is { } kind)
            {
                var detail = string.Join('\n', started.OutputTail.Prepend(started.Detail).Where(text => !string.IsNullOrWhiteSpace(text)));
                Log.StartFailed(_logger, buildId, started.Status, detail);
                return Finish(ErrorPage.Result(request, kind, buildId, route.OpenUrl, kind == PageKind.StartFailed ? detail : null), "start_" + started.Status, buildId, userId);
            }

            await FollowMovedUpstreamAsync(route, started.Upstream, cancellationToken);
            SetCookie(context.Response, route.Origin.StartsWith("https:", StringComparison.Ordinal), codecs.Tokens.Issue(buildId, userId, _auth.TokenTtl));
            return Finish(OpenFlow.SeeOther("/"), "cookie_set", buildId, userId);
        }
        catch (Exception exception) when (exception is AccessUnavailableException or NpgsqlException or TimeoutException)
        {
            Log.Unavailable(_logger, buildId, exception);
            return Finish(ErrorPage.Result(request, PageKind.Unavailable, buildId, route.OpenUrl), "unavailable", buildId, null);
        }
    }

    /// <summary>
    /// Runs a pass when code-server responds at another container address than the one nginx routes to, as after
    /// runbot restarted the container and Docker gave it a new address. Without it the browser would get 502 from
    /// nginx until the next scheduled pass. The other modes route to addresses fixed by settings and the database.
    /// </summary>
    private async Task FollowMovedUpstreamAsync(BuildRoute route, CodeServerUpstream? upstream, CancellationToken cancellationToken)
    {
        if (upstream is not { Mode: UpstreamMode.ContainerIp } || route.Upstream == $"http://{upstream.NginxAddress}")
        {
            return;
        }

        Log.UpstreamMoved(_logger, route.BuildId, route.Upstream, upstream.NginxAddress);
        // A failed pass logs its own error, and the scheduled passes retry it.
        await _pass.RunAsync(cancellationToken: cancellationToken);
    }

    private void SetCookie(HttpResponse response, bool secure, string token)
    {
        // No Domain attribute: the cookie stays on this build's editor name and never reaches the build's own Odoo
        // or another build. Over https the __Host- prefix makes browsers enforce that.
        var name = secure ? AuthCookie.SecureName(_auth.CookieName) : _auth.CookieName;
        response.Cookies.Append(name, token, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            MaxAge = _auth.TokenTtl,
        });
        response.Headers.CacheControl = "no-store";
    }

    private static PageKind? PageFor(CodeServerStartStatus status) => status switch
    {
        CodeServerStartStatus.Ready or CodeServerStartStatus.AlreadyRunning => null,
        CodeServerStartStatus.Asleep => PageKind.Asleep,
        CodeServerStartStatus.NotAttachable => PageKind.NoCodeServer,
        _ => PageKind.StartFailed,
    };

    private IResult Finish(IResult result, string outcome, long? buildId, long? userId)
    {
        _metrics.Decided("exchange", outcome);
        Log.Exchanged(_logger, outcome, buildId, userId);
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "ExchangeDecided", Level = LogLevel.Information,
            Message = "Exchange for build {BuildId} and user {UserId} ended with {Outcome}.")]
        public static partial void Exchanged(ILogger logger, string outcome, long? buildId, long? userId);

        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "TicketRejected", Level = LogLevel.Information,
            Message = "Exchange for build {BuildId} rejected a ticket ({Status}): {Reason}.")]
        public static partial void TicketRejected(ILogger logger, long buildId, VerificationStatus status, string reason);

        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "UpstreamMoved", Level = LogLevel.Information,
            Message = "Exchange for build {BuildId} found code-server at {Upstream} while nginx routes to {RoutedUpstream}, so it runs a pass first.")]
        public static partial void UpstreamMoved(ILogger logger, long buildId, string routedUpstream, string upstream);

        [LoggerMessage(EventId = EventIds.AccessUnavailable, EventName = "ExchangeUnavailable", Level = LogLevel.Error,
            Message = "Exchange for build {BuildId} cannot read runbot's database.")]
        public static partial void Unavailable(ILogger logger, long buildId, Exception exception);

        [LoggerMessage(EventId = EventIds.AccessUnavailable, EventName = "CodeServerNotReady", Level = LogLevel.Warning,
            Message = "Exchange for build {BuildId} found code-server not ready ({Status}): {Detail}")]
        public static partial void StartFailed(ILogger logger, long buildId, CodeServerStartStatus status, string detail);
    }
}
