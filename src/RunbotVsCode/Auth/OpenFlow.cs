using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Pages;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>
/// The open route on runbot's main site: it learns the user from runbot's Odoo, checks the user and the build in the
/// database, and sends the browser to the build's editor with a single-use ticket. Every redirect target is built from
/// database values and checked names, never from the request.
/// </summary>
public sealed partial class OpenFlow
{
    private readonly SessionIdentity _identity;
    private readonly RunbotDirectory _directory;
    private readonly KeyRingSource _keys;
    private readonly OpenLoopGuard _loopGuard;
    private readonly AccessMetrics _metrics;
    private readonly RoutingOptions _routing;
    private readonly AuthOptions _auth;
    private readonly ILogger<OpenFlow> _logger;

    /// <summary>Initializes the flow.</summary>
    public OpenFlow(
        SessionIdentity identity,
        RunbotDirectory directory,
        KeyRingSource keys,
        OpenLoopGuard loopGuard,
        AccessMetrics metrics,
        IOptions<RoutingOptions> routing,
        IOptions<AuthOptions> auth,
        ILogger<OpenFlow> logger)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(auth);

        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _loopGuard = loopGuard ?? throw new ArgumentNullException(nameof(loopGuard));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _routing = routing.Value;
        _auth = auth.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Handles <c>GET /runbot/vscode/{buildId}</c>.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, string rawBuildId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (BuildIds.Parse(rawBuildId) is not { } buildId)
        {
            return Finish(Results.NotFound(), "not_found", null, null);
        }

        try
        {
            return await OpenAsync(request, buildId, cancellationToken);
        }
        catch (Exception exception) when (exception is AccessUnavailableException or NpgsqlException or InvalidRouteSettingsException or TimeoutException)
        {
            Log.Unavailable(_logger, buildId, exception);
            return Finish(ErrorPage.Result(request, PageKind.Unavailable, buildId, null), "unavailable", buildId, null);
        }
    }

    private async Task<IResult> OpenAsync(HttpRequest request, long buildId, CancellationToken cancellationToken)
    {
        if (await _identity.FindUserAsync(request, cancellationToken) is not { } user)
        {
            return Finish(Results.Redirect(SessionIdentity.LoginRedirect($"/runbot/vscode/{buildId}")), "login", buildId, null);
        }

        var parameters = await _directory.ReadParametersAsync(RunbotReader.ParameterKeys, cancellationToken);
        var settings = RouteSettings.Resolve(_routing, parameters);
        var backUrl = $"{settings.OpenBaseUrl}/runbot/build/{buildId}";

        if (!user.IsActiveInternal)
        {
            return Finish(ErrorPage.Result(request, PageKind.Forbidden, buildId, backUrl), "forbidden", buildId, user.Id);
        }

        var record = await _directory.FindBuildAsync(buildId, cancellationToken);
        var problem = record switch
        {
            null => PageKind.BuildNotFound,
            { IsRunning: false } => PageKind.BuildNotRunning,
            { Build.HasCodeServerLayer: false } => PageKind.NoCodeServer,
            _ => (PageKind?)null,
        };
        if (problem is { } kind)
        {
            return Finish(ErrorPage.Result(request, kind, buildId, backUrl), kind.ToString(), buildId, user.Id);
        }

        if (RouteBuilder.CheckServerName(record!.Build, settings, out var serverName) is { } invalid)
        {
            Log.NotRoutable(_logger, buildId, invalid.Detail);
            return Finish(ErrorPage.Result(request, PageKind.BuildNotRoutable, buildId, backUrl), "not_routable", buildId, user.Id);
        }

        if (_loopGuard.RegisterOpen(user.Id, buildId))
        {
            return Finish(ErrorPage.Result(request, PageKind.RedirectLoop, buildId, backUrl), "loop", buildId, user.Id);
        }

        var codecs = await _keys.GetAsync(cancellationToken);
        var ticket = codecs.Tickets.Issue(buildId, user.Id, _auth.TicketTtl);
        var target = $"{settings.OriginOf(serverName)}/__vscode/exchange?ticket={Uri.EscapeDataString(ticket)}";
        return Finish(SeeOther(target), "ticket_issued", buildId, user.Id);
    }

    private IResult Finish(IResult result, string outcome, long? buildId, long? userId)
    {
        _metrics.Decided("open", outcome);
        Log.Opened(_logger, outcome, buildId, userId);
        return result;
    }

    /// <summary>Returns a 303 redirect, so the browser follows it with GET.</summary>
    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "OpenDecided", Level = LogLevel.Information,
            Message = "Open route for build {BuildId} and user {UserId} ended with {Outcome}.")]
        public static partial void Opened(ILogger logger, string outcome, long? buildId, long? userId);

        [LoggerMessage(EventId = EventIds.AccessUnavailable, EventName = "OpenUnavailable", Level = LogLevel.Error,
            Message = "Open route for build {BuildId} cannot ask runbot's Odoo or database.")]
        public static partial void Unavailable(ILogger logger, long buildId, Exception exception);

        [LoggerMessage(EventId = EventIds.BuildSkipped, EventName = "OpenNotRoutable", Level = LogLevel.Warning,
            Message = "Open route cannot form the editor name of build {BuildId}: {Detail}.")]
        public static partial void NotRoutable(ILogger logger, long buildId, string detail);
    }
}
