using Docker.DotNet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Containers;

/// <summary>
/// Stops code-servers that served no request for <see cref="CodeServerOptions.IdleTimeout"/> and whose own heartbeat
/// has expired; the next open starts them again. Does nothing when the timeout is not set.
/// </summary>
internal sealed partial class IdleStopper : BackgroundService
{
    private static readonly TimeSpan MinCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxCheckInterval = TimeSpan.FromMinutes(1);

    private readonly CodeServerActivity _activity;
    private readonly ContainerExecutor _executor;
    private readonly CodeServerProbe _probe;
    private readonly BuildLocks _locks;
    private readonly IOptions<CodeServerOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IdleStopper> _logger;

    public IdleStopper(
        CodeServerActivity activity,
        ContainerExecutor executor,
        CodeServerProbe probe,
        BuildLocks locks,
        IOptions<CodeServerOptions> options,
        TimeProvider timeProvider,
        ILogger<IdleStopper> logger)
    {
        _activity = activity ?? throw new ArgumentNullException(nameof(activity));
        _executor = executor ?? throw new ArgumentNullException(nameof(executor));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _locks = locks ?? throw new ArgumentNullException(nameof(locks));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Returns how often to look for idle code-servers: a quarter of the timeout, between 1 second and 1 minute.</summary>
    internal static TimeSpan CheckInterval(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, MinCheckInterval.Ticks, MaxCheckInterval.Ticks));

    /// <summary>Stops every tracked code-server idle for the timeout or longer, and returns how many it stopped.</summary>
    public async Task<int> StopIdleAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.IdleTimeout is not { } idleTimeout)
        {
            return 0;
        }

        var stopped = 0;
        foreach (var server in _activity.FindIdle(idleTimeout))
        {
            if (await StopIfStillIdleAsync(server, idleTimeout, cancellationToken).ConfigureAwait(false))
            {
                stopped++;
            }
        }

        return stopped;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Value.IdleTimeout is not { } idleTimeout)
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckInterval(idleTimeout), _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await StopIdleAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task<bool> StopIfStillIdleAsync(ActiveCodeServer server, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        using var buildLock = await _locks.AcquireAsync(server.BuildId, cancellationToken).ConfigureAwait(false);

        // An open or a request may have come while this check waited for the lock.
        var current = _activity.Find(server.BuildId);
        if (current is null || _timeProvider.GetUtcNow() - current.LastActivity < idleTimeout)
        {
            return false;
        }

        // nginx checks access once per WebSocket upgrade, so an editor session can run for hours with no
        // MarkActivity call. code-server's own heartbeat counts open connections, so it has the last word.
        if (await _probe.IsAliveAsync(current.Upstream, cancellationToken).ConfigureAwait(false) == true)
        {
            current.Touch(_timeProvider.GetUtcNow());
            Log.StillActive(_logger, current.BuildId, current.ContainerId);
            return false;
        }

        try
        {
            var output = await _executor.RunAsync(current.ContainerId, current.User, CodeServerCommand.Stop(_options.Value), cancellationToken).ConfigureAwait(false);
            if (output.ExitCode != 0)
            {
                Log.StopFailed(_logger, current.BuildId, current.ContainerId, output.ExitCode, output.StandardError.Trim(), null);
                return false;
            }

            _activity.Forget(current.BuildId);
            Log.IdleStopped(_logger, current.BuildId, current.ContainerId, idleTimeout);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            // runbot removed the container, and code-server with it.
            _activity.Forget(current.BuildId);
            return false;
        }
        catch (Exception exception) when (exception is DockerApiException || BuildContainerLocator.IsUnavailable(exception, cancellationToken))
        {
            Log.StopFailed(_logger, current.BuildId, current.ContainerId, null, exception.Message, exception);
            return false;
        }
    }
}
