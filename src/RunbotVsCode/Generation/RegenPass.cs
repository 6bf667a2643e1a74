using System.Diagnostics;
using DiffPlex.Renderer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Auth;
using RunbotVsCode.Hosting;
using RunbotVsCode.Nginx;
using RunbotVsCode.Rendering;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Generation;

/// <summary>
/// The one step every trigger runs (start-up, timer, cron, the <c>regen</c> command): read runbot's database, build and
/// check the routes, render the config, and apply it when it differs from what nginx serves. A failure at any step keeps
/// the config nginx serves now.
/// </summary>
public sealed partial class RegenPass : IDisposable
{
    private readonly IRunbotReader _reader;
    private readonly IContainerFactsSource _containers;
    private readonly RouteBuilder _routeBuilder;
    private readonly NginxConfigRenderer _renderer;
    private readonly ConfigApplier _applier;
    private readonly RegenMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RegenPass> _logger;
    private readonly RunbotOptions _runbot;
    private readonly RoutingOptions _routing;
    private readonly NginxOptions _nginx;
    private readonly string _authAddress;
    private readonly string _cookieName;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly SkipLogLimiter _skipLog = new();

    /// <summary>Initializes the pass with its parts and settings.</summary>
    public RegenPass(
        IRunbotReader reader,
        IContainerFactsSource containers,
        RouteBuilder routeBuilder,
        NginxConfigRenderer renderer,
        ConfigApplier applier,
        RegenMetrics metrics,
        IOptions<RunbotOptions> runbot,
        IOptions<RoutingOptions> routing,
        IOptions<NginxOptions> nginx,
        IOptions<HttpOptions> http,
        IOptions<AuthOptions> auth,
        TimeProvider timeProvider,
        ILogger<RegenPass> logger)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(routeBuilder);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _reader = reader;
        _containers = containers;
        _routeBuilder = routeBuilder;
        _renderer = renderer;
        _applier = applier;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _runbot = runbot.Value;
        _routing = routing.Value;
        _nginx = nginx.Value;
        _authAddress = _nginx.AuthAddress ?? ServiceAddress.FromUrls(http.Value.Urls);
        _cookieName = auth.Value.CookieName;
        HostName = _runbot.HostName ?? LocalHostName.Get();
    }

    /// <summary>Gets the host name whose builds this instance routes.</summary>
    public string HostName { get; }

    /// <summary>Gets the result of the last pass that finished, or null before the first one.</summary>
    public PassResult? LastResult { get; private set; }

    /// <summary>Gets the routes of the last pass that read the database and was not a dry run.</summary>
    public RouteIndex Routes { get; private set; } = RouteIndex.Empty;

    /// <summary>
    /// Runs one pass. With <paramref name="dryRun"/> nothing is written; with <paramref name="diff"/> the result carries a
    /// unified diff against the config nginx last accepted. Passes of this process run one at a time, and passes of
    /// different processes are kept apart by the lock file.
    /// </summary>
    public async Task<PassResult> RunAsync(bool dryRun = false, bool diff = false, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var started = _timeProvider.GetTimestamp();
            Log.PassStarted(_logger, HostName, dryRun);

            var result = await RunOnceAsync(dryRun, diff, cancellationToken) with { Duration = _timeProvider.GetElapsedTime(started) };
            Report(result);
            LastResult = result;
            return result;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<PassResult> RunOnceAsync(bool dryRun, bool diff, CancellationToken cancellationToken)
    {
        RouteTable routes;
        string content;
        try
        {
            var snapshot = await _reader.ReadAsync(HostName, _runbot.CodeServerLayerXmlId, cancellationToken);
            var settings = RouteSettings.Resolve(_routing, snapshot.Parameters);
            var containers = await _containers.GetAsync(snapshot.Builds, cancellationToken);
            routes = _routeBuilder.Build(snapshot.Builds, settings, containers);
            content = _renderer.Render(new NginxConfigModel(_nginx.Listen, _authAddress, _nginx.AuthKeepalive, _cookieName, routes.Routes));
            if (!dryRun)
            {
                Routes = new RouteIndex(routes.Routes, snapshot.Builds, settings);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidRouteSettingsException or TemplateLoadException or TimeoutException)
        {
            return Failed(DescribeFailure(exception), exception);
        }

        var unifiedDiff = diff ? Diff(_applier.ReadApplied() ?? "", content) : null;
        if (dryRun)
        {
            return new PassResult(PassOutcome.DryRun, "", routes, content, unifiedDiff, TimeSpan.Zero);
        }

        try
        {
            using var fileLock = await _applier.LockAsync(cancellationToken);
            var applied = await _applier.ApplyAsync(content, cancellationToken);
            return new PassResult(ToOutcome(applied.Status), applied.Message, routes, content, unifiedDiff, TimeSpan.Zero);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or TimeoutException or NginxException)
        {
            return Failed($"Applying {_nginx.ConfigPath} failed: {exception.Message}", exception) with { Routes = routes, Content = content };
        }
    }

    private PassResult Failed(string message, Exception exception)
    {
        Log.PassFailed(_logger, message, exception);
        return new PassResult(PassOutcome.Failed, message, null, null, null, TimeSpan.Zero);
    }

    private static string DescribeFailure(Exception exception) => exception switch
    {
        NpgsqlException => $"Runbot's database cannot be read, so the current config stays: {exception.Message}",
        _ => exception.Message,
    };

    private static PassOutcome ToOutcome(ApplyStatus status) => status switch
    {
        ApplyStatus.Applied => PassOutcome.Applied,
        ApplyStatus.Unchanged => PassOutcome.Unchanged,
        ApplyStatus.Rejected => PassOutcome.Rejected,
        ApplyStatus.ReloadFailed => PassOutcome.ReloadFailed,
        _ => throw new UnreachableException($"Apply status {status} has no pass outcome."),
    };

    private static string Diff(string applied, string candidate) =>
        UnidiffRenderer.GenerateUnidiff(applied, candidate, "applied", "candidate", false, false, 3);

    private void Report(PassResult result)
    {
        foreach (var skipped in result.Routes?.Skipped ?? [])
        {
            if (_skipLog.ShouldLog(skipped))
            {
                LogSkipped(skipped);
            }
        }

        _skipLog.Forget(result.Routes?.Skipped);
        _metrics.PassFinished(result);

        var routed = result.Routes?.Routes.Count ?? 0;
        var skippedCount = result.Routes?.Skipped.Count ?? 0;
        switch (result.Outcome)
        {
            case PassOutcome.Applied:
                Log.Applied(_logger, _nginx.ConfigPath, routed, skippedCount, result.Duration.TotalMilliseconds);
                break;
            case PassOutcome.Unchanged or PassOutcome.DryRun:
                Log.Unchanged(_logger, result.Outcome, routed, skippedCount, result.Duration.TotalMilliseconds);
                break;
        }
    }

    private void LogSkipped(SkippedBuild skipped)
    {
        if (skipped.Reason == SkipReason.NotAttachable)
        {
            Log.BuildNotAttachable(_logger, skipped.BuildId, skipped.Detail);
        }
        else
        {
            Log.BuildSkipped(_logger, skipped.BuildId, skipped.Reason, skipped.Detail);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _oneAtATime.Dispose();
}
