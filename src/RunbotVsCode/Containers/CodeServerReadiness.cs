using Microsoft.Extensions.Options;

namespace RunbotVsCode.Containers;

/// <summary>Waits until code-server responds, watching the process that was started for it.</summary>
internal sealed class CodeServerReadiness
{
    private readonly CodeServerProbe _probe;
    private readonly ContainerExecutor _executor;
    private readonly IOptions<CodeServerOptions> _options;
    private readonly TimeProvider _timeProvider;

    public CodeServerReadiness(CodeServerProbe probe, ContainerExecutor executor, IOptions<CodeServerOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _probe = probe;
        _executor = executor;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Probes <paramref name="upstream"/> every <see cref="CodeServerOptions.ReadinessPollInterval"/> until it
    /// responds or <see cref="CodeServerOptions.StartTimeout"/> passes. With an <paramref name="execId"/>, also
    /// ends early when that process exits, unless it exited because another code-server holds the build's lock.
    /// </summary>
    public async Task<ReadinessResult> WaitAsync(CodeServerUpstream upstream, string? execId, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        using var timeout = new CancellationTokenSource(options.StartTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var startedElsewhere = false;

        try
        {
            while (true)
            {
                if (await _probe.RespondsAsync(upstream, linked.Token).ConfigureAwait(false))
                {
                    var elsewhere = startedElsewhere || await ExitedOnHeldLockAsync(execId, linked.Token).ConfigureAwait(false);
                    return new ReadinessResult(ReadinessOutcome.Responding, elsewhere, null);
                }

                if (execId is not null && !startedElsewhere)
                {
                    var state = await _executor.InspectAsync(execId, linked.Token).ConfigureAwait(false);
                    if (!state.IsRunning && state.ExitCode == CodeServerCommand.LockHeldExitCode)
                    {
                        startedElsewhere = true;
                    }
                    else if (!state.IsRunning)
                    {
                        return new ReadinessResult(ReadinessOutcome.Exited, false, state.ExitCode);
                    }
                }

                await Task.Delay(options.ReadinessPollInterval, _timeProvider, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ReadinessResult(ReadinessOutcome.TimedOut, startedElsewhere, null);
        }
    }

    /// <summary>
    /// Returns whether the exec already exited because another code-server holds the lock. Another service
    /// instance's code-server can respond before this exec was ever inspected. An exec still between its start
    /// and flock counts as the owner, so across service instances Ready can still be reported twice.
    /// </summary>
    private async Task<bool> ExitedOnHeldLockAsync(string? execId, CancellationToken cancellationToken)
    {
        if (execId is null)
        {
            return false;
        }

        var state = await _executor.InspectAsync(execId, cancellationToken).ConfigureAwait(false);
        return !state.IsRunning && state.ExitCode == CodeServerCommand.LockHeldExitCode;
    }
}
