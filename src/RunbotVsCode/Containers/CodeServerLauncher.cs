using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>Starts code-server in build containers on demand with <c>docker exec</c>.</summary>
internal sealed partial class CodeServerLauncher : ICodeServerLauncher
{
    private readonly BuildContainerLocator _locator;
    private readonly ContainerExecutor _executor;
    private readonly CodeServerProbe _probe;
    private readonly CodeServerReadiness _readiness;
    private readonly CodeServerUpstreamResolver _resolver;
    private readonly BuildLocks _locks;
    private readonly CodeServerActivity _activity;
    private readonly CodeServerMetrics _metrics;
    private readonly IOptions<CodeServerOptions> _options;
    private readonly IOptions<UpstreamOptions> _upstreamOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CodeServerLauncher> _logger;

    public CodeServerLauncher(
        BuildContainerLocator locator,
        ContainerExecutor executor,
        CodeServerProbe probe,
        CodeServerReadiness readiness,
        CodeServerUpstreamResolver resolver,
        BuildLocks locks,
        CodeServerActivity activity,
        CodeServerMetrics metrics,
        IOptions<CodeServerOptions> options,
        IOptions<UpstreamOptions> upstreamOptions,
        TimeProvider timeProvider,
        ILogger<CodeServerLauncher> logger)
    {
        _locator = locator ?? throw new ArgumentNullException(nameof(locator));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _readiness = readiness ?? throw new ArgumentNullException(nameof(readiness));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _activity = activity ?? throw new ArgumentNullException(nameof(activity));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _upstreamOptions = upstreamOptions ?? throw new ArgumentNullException(nameof(upstreamOptions));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc/>
    public async Task<CodeServerStartResult> EnsureStartedAsync(RunningBuild build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        var startTimestamp = _timeProvider.GetTimestamp();

        var containerName = build.ContainerName;
        if (!BuildDest.IsValid(build.Dest) || string.IsNullOrEmpty(containerName))
        {
            var detail = $"Build {build.Id} has an invalid dest or no active step, so its container and folder are unknown.";
            return Reject(build, CodeServerStartStatus.NotAttachable, null, detail);
        }

        using var buildLock = await _locks.AcquireAsync(build.Id, cancellationToken).ConfigureAwait(false);

        var (container, dockerError) = await LocateAsync(build, containerName, cancellationToken).ConfigureAwait(false);
        if (dockerError is null && container is not { IsRunning: true })
        {
            var detail = container is null ? $"No container named {containerName} exists." : $"Container {containerName} is not running.";
            return Reject(build, CodeServerStartStatus.Asleep, container?.Id, detail);
        }

        if (!IsAttachable(build, container))
        {
            var detail = $"The image of container {containerName} has no {BuildContainerLocator.CodeServerLabel} label and Dockerfile {build.DockerfileName ?? "(none)"} has no code-server layer.";
            return Reject(build, CodeServerStartStatus.NotAttachable, container?.Id, detail);
        }

        if (!_resolver.TryResolve(build, container, out var upstream, out var problem))
        {
            return Reject(build, CodeServerStartStatus.Failed, container?.Id, problem);
        }

        return await EnsureRespondingAsync(build, container, dockerError, upstream, startTimestamp, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CodeServerStartResult> EnsureRespondingAsync(
        RunningBuild build,
        BuildContainer? container,
        DockerUnavailableException? dockerError,
        CodeServerUpstream upstream,
        long startTimestamp,
        CancellationToken cancellationToken)
    {
        if (await _probe.RespondsAsync(upstream, cancellationToken).ConfigureAwait(false))
        {
            return Reuse(build, container, upstream, startTimestamp);
        }

        if (!_options.Value.LazyStart)
        {
            return await WaitForOtherStarterAsync(build, container, upstream, startTimestamp, cancellationToken).ConfigureAwait(false);
        }

        if (container is null)
        {
            var detail = $"code-server of build {build.Id} does not respond at {upstream} and the Docker engine cannot be reached to start it: {dockerError?.Message}";
            return Reject(build, CodeServerStartStatus.Failed, null, detail);
        }

        try
        {
            return await StartAsync(build, container, upstream, startTimestamp, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DockerApiException || BuildContainerLocator.IsUnavailable(exception, cancellationToken))
        {
            Log.ExecFailed(_logger, build.Id, container.Id, exception);
            return Reject(build, CodeServerStartStatus.Failed, container.Id, $"docker exec in container {container.Name} failed: {exception.Message}");
        }
    }

    private async Task<(BuildContainer? Container, DockerUnavailableException? Error)> LocateAsync(
        RunningBuild build,
        string containerName,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await _locator.FindAsync(containerName, cancellationToken).ConfigureAwait(false), null);
        }
        catch (DockerUnavailableException exception)
        {
            Log.DockerUnavailable(_logger, build.Id, containerName, exception);
            return (null, exception);
        }
    }

    private bool IsAttachable(RunningBuild build, BuildContainer? container)
    {
        if (container?.CodeServerVersion is not null)
        {
            return true;
        }

        if (build.HasCodeServerLayer)
        {
            Log.AttachableByDatabase(_logger, build.Id, build.DockerfileName);
            return true;
        }

        return false;
    }

    private async Task<CodeServerStartResult> WaitForOtherStarterAsync(
        RunningBuild build,
        BuildContainer? container,
        CodeServerUpstream upstream,
        long startTimestamp,
        CancellationToken cancellationToken)
    {
        var readiness = await _readiness.WaitAsync(upstream, execId: null, cancellationToken).ConfigureAwait(false);
        if (readiness.Outcome == ReadinessOutcome.Responding)
        {
            return Reuse(build, container, upstream, startTimestamp);
        }

        var detail = $"code-server of build {build.Id} did not respond at {upstream} within {_options.Value.StartTimeout}, and starting it is turned off ({CodeServerOptions.SectionName}:{nameof(CodeServerOptions.LazyStart)} is false).";
        Log.StartTimedOut(_logger, build.Id, container?.Id, upstream.NginxAddress, detail);
        return new CodeServerStartResult(CodeServerStartStatus.TimedOut, upstream, container?.Id, null, null, [], detail);
    }

    private CodeServerStartResult Reuse(RunningBuild build, BuildContainer? container, CodeServerUpstream upstream, long startTimestamp)
    {
        var elapsed = _timeProvider.GetElapsedTime(startTimestamp);
        if (container is not null)
        {
            TrackActivity(build.Id, container.Id, upstream);
        }

        Log.CodeServerReused(_logger, build.Id, container?.Id, upstream.NginxAddress);
        return CodeServerStartResult.Running(CodeServerStartStatus.AlreadyRunning, upstream, container?.Id, elapsed);
    }

    private void TrackActivity(long buildId, string containerId, CodeServerUpstream upstream)
    {
        var tracked = _activity.Find(buildId);
        if (tracked is not null && tracked.ContainerId == containerId && tracked.Upstream == upstream)
        {
            _activity.MarkActivity(buildId);
            return;
        }

        _activity.Track(buildId, containerId, ExecUser, upstream);
    }

    private string? ExecUser => string.IsNullOrEmpty(_options.Value.User) ? null : _options.Value.User;

    private CodeServerStartResult Reject(RunningBuild build, CodeServerStartStatus status, string? containerId, string detail)
    {
        Log.NotStarted(_logger, build.Id, status, detail);
        return CodeServerStartResult.NotStarted(status, containerId, detail);
    }
}
