using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Containers;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Auth;

/// <summary>
/// Decides every request of nginx's auth subrequest. It returns only 204, 401 or 403, whatever the input, and reads the database
/// only when the user's entry in the cache is stale; the build id comes from the generated config, never from a header.
/// </summary>
public sealed partial class AuthChecker
{
    private readonly KeyRingSource _keys;
    private readonly UserAccessCache _users;
    private readonly AccessMetrics _metrics;
    private readonly ICodeServerActivity _activity;
    private readonly string _cookieName;
    private readonly ILogger<AuthChecker> _logger;

    /// <summary>Initializes the checker.</summary>
    public AuthChecker(KeyRingSource keys, UserAccessCache users, AccessMetrics metrics, ICodeServerActivity activity, IOptions<AuthOptions> options, ILogger<AuthChecker> logger)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _keys = keys;
        _users = users;
        _metrics = metrics;
        _activity = activity;
        _cookieName = options.Value.CookieName;
        _logger = logger;
    }

    /// <summary>Decides <paramref name="request"/>; <paramref name="routes"/> gives each routed build's own origin.</summary>
    public async Task<AccessDecision> CheckAsync(AuthCheckRequest request, RouteIndex routes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routes);

        var decision = await DecideAsync(request, routes, cancellationToken);
        Report(decision);
        return decision;
    }

    private async Task<AccessDecision> DecideAsync(AuthCheckRequest request, RouteIndex routes, CancellationToken cancellationToken)
    {
        if (BuildIds.Parse(request.BuildValues) is not { } buildId)
        {
            return new AccessDecision(AccessResult.Forbidden, "the build id is missing, repeated or malformed");
        }

        if (!string.IsNullOrEmpty(request.Upgrade) && CheckOrigin(request.Origin, buildId, routes) is { } foreign)
        {
            return foreign;
        }

        var tokens = AuthCookie.FindValues(request.Cookies, _cookieName);
        if (tokens.Count == 0)
        {
            return new AccessDecision(AccessResult.Unauthenticated, "no access cookie", buildId);
        }

        try
        {
            var codecs = await _keys.GetAsync(cancellationToken);
            var verification = codecs.Tokens.VerifyAny(tokens, buildId);
            var claims = verification.Claims;
            var result = verification.Status switch
            {
                VerificationStatus.Valid => AccessResult.Allowed,
                VerificationStatus.WrongBuild => AccessResult.Forbidden,
                _ => AccessResult.Unauthenticated,
            };

            if (result == AccessResult.Allowed && !await _users.IsAllowedAsync(claims!.UserId, cancellationToken))
            {
                return new AccessDecision(AccessResult.Forbidden, "the user is inactive or not an internal user", buildId, claims.UserId, claims.KeyId);
            }

            return new AccessDecision(result, verification.Reason, buildId, claims?.UserId, claims?.KeyId);
        }
        catch (Exception exception) when (exception is AccessUnavailableException or NpgsqlException or TimeoutException)
        {
            // Fail closed: without the key or the user's state no request is let through.
            Log.Unavailable(_logger, buildId, exception);
            return new AccessDecision(AccessResult.Forbidden, "access cannot be decided now: runbot's database is unavailable", buildId);
        }
    }

    private static AccessDecision? CheckOrigin(string? origin, long buildId, RouteIndex routes)
    {
        if (!routes.TryGet(buildId, out var route, out _))
        {
            return new AccessDecision(AccessResult.Forbidden, "WebSocket for a build this host does not route", buildId);
        }

        return string.Equals(origin, route.Origin, StringComparison.OrdinalIgnoreCase)
            ? null
            : new AccessDecision(AccessResult.Forbidden, "WebSocket from another origin than the build's own", buildId);
    }

    private void Report(AccessDecision decision)
    {
        _metrics.Decided("auth_check", decision.Result);
        if (decision.Result == AccessResult.Allowed)
        {
            // Every request nginx lets through counts as editor activity for the idle stop.
            _activity.MarkActivity(decision.BuildId!.Value);
            Log.Allowed(_logger, decision.BuildId, decision.UserId, decision.KeyId);
        }
        else
        {
            Log.Denied(_logger, decision.Result, decision.BuildId, decision.UserId, decision.KeyId, decision.Reason);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "AccessAllowed", Level = LogLevel.Debug,
            Message = "auth_check allowed build {BuildId} for user {UserId} (key {KeyId}).")]
        public static partial void Allowed(ILogger logger, long? buildId, long? userId, string? keyId);

        [LoggerMessage(EventId = EventIds.AccessDecided, EventName = "AccessDenied", Level = LogLevel.Information,
            Message = "auth_check answered {Result} for build {BuildId}, user {UserId}, key {KeyId}: {Reason}.")]
        public static partial void Denied(ILogger logger, AccessResult result, long? buildId, long? userId, string? keyId, string reason);

        [LoggerMessage(EventId = EventIds.AccessUnavailable, EventName = nameof(EventIds.AccessUnavailable), Level = LogLevel.Error,
            Message = "auth_check cannot decide for build {BuildId} and denies it.")]
        public static partial void Unavailable(ILogger logger, long buildId, Exception exception);
    }
}
