using Docker.DotNet;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>The start of a code-server process and what follows when it fails.</summary>
internal sealed partial class CodeServerLauncher
{
    private async Task<CodeServerStartResult> StartAsync(
        RunningBuild build,
        BuildContainer container,
        CodeServerUpstream upstream,
        long startTimestamp,
        CancellationToken cancellationToken)
    {
        var command = CodeServerCommand.Launch(_options.Value, _upstreamOptions.Value, upstream.Mode);
        var execId = await _executor.StartDetachedAsync(container.Id, ExecUser, command, cancellationToken).ConfigureAwait(false);
        var readiness = await _readiness.WaitAsync(upstream, execId, cancellationToken).ConfigureAwait(false);

        switch (readiness.Outcome)
        {
            case ReadinessOutcome.Responding when readiness.StartedElsewhere:
                return Reuse(build, container, upstream, startTimestamp);

            case ReadinessOutcome.Responding:
                var elapsed = _timeProvider.GetElapsedTime(startTimestamp);
                TrackActivity(build.Id, container.Id, upstream);
                _metrics.RecordTimeToReady(elapsed, upstream.Mode);
                Log.CodeServerStarted(_logger, build.Id, container.Id, upstream.NginxAddress, elapsed.TotalMilliseconds);
                return CodeServerStartResult.Running(CodeServerStartStatus.Ready, upstream, container.Id, elapsed);

            case ReadinessOutcome.Exited:
                return await ReportExitAsync(build, container, upstream, readiness.ExitCode, cancellationToken).ConfigureAwait(false);

            default:
                return await ReportTimeoutAsync(build, container, upstream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CodeServerStartResult> ReportExitAsync(
        RunningBuild build,
        BuildContainer container,
        CodeServerUpstream upstream,
        long? exitCode,
        CancellationToken cancellationToken)
    {
        var tail = await ReadOutputTailAsync(container, cancellationToken).ConfigureAwait(false);
        var detail = $"code-server in container {container.Name} exited with code {exitCode} before it responded.";
        Log.StartFailed(_logger, build.Id, container.Id, exitCode, string.Join('\n', tail));
        return new CodeServerStartResult(CodeServerStartStatus.Failed, upstream, container.Id, null, exitCode, tail, detail);
    }

    /// <summary>
    /// Reports a start that did not respond in time, and stops that code-server: otherwise it would keep the
    /// build's lock, and every later open would wait for it and time out again.
    /// </summary>
    private async Task<CodeServerStartResult> ReportTimeoutAsync(
        RunningBuild build,
        BuildContainer container,
        CodeServerUpstream upstream,
        CancellationToken cancellationToken)
    {
        var tail = await ReadOutputTailAsync(container, cancellationToken).ConfigureAwait(false);
        var detail = $"code-server in container {container.Name} did not respond at {upstream} within {_options.Value.StartTimeout}; it was stopped.";
        Log.StartTimedOut(_logger, build.Id, container.Id, upstream.NginxAddress, string.Join('\n', tail));

        try
        {
            var stop = await _executor.RunAsync(container.Id, ExecUser, CodeServerCommand.Stop(_options.Value), cancellationToken).ConfigureAwait(false);
            if (stop.ExitCode != 0)
            {
                Log.StopFailed(_logger, build.Id, container.Id, stop.ExitCode, stop.StandardError.Trim(), null);
            }
        }
        catch (Exception exception) when (exception is DockerApiException || BuildContainerLocator.IsUnavailable(exception, cancellationToken))
        {
            Log.StopFailed(_logger, build.Id, container.Id, null, exception.Message, exception);
        }

        return new CodeServerStartResult(CodeServerStartStatus.TimedOut, upstream, container.Id, null, null, tail, detail);
    }

    /// <summary>Returns the last lines of code-server's log, or the error that kept them from being read.</summary>
    private async Task<IReadOnlyList<string>> ReadOutputTailAsync(BuildContainer container, CancellationToken cancellationToken)
    {
        try
        {
            var output = await _executor.RunAsync(container.Id, ExecUser, CodeServerCommand.TailLog(_options.Value), cancellationToken).ConfigureAwait(false);
            var text = output.ExitCode == 0 ? output.StandardOutput : output.StandardError;
            return text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0).ToList();
        }
        catch (Exception exception) when (exception is DockerApiException || BuildContainerLocator.IsUnavailable(exception, cancellationToken))
        {
            return [$"The output could not be read: {exception.Message}"];
        }
    }
}
