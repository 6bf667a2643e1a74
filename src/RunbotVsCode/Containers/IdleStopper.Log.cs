using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Containers;

internal sealed partial class IdleStopper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, EventName = "CodeServerIdleStopped", Level = LogLevel.Information,
            Message = "Stopped code-server for build {BuildId} in container {ContainerId} after {IdleTimeout} without requests.")]
        public static partial void IdleStopped(ILogger logger, long buildId, string containerId, TimeSpan idleTimeout);

        [LoggerMessage(EventId = 4101, EventName = "CodeServerIdleStopFailed", Level = LogLevel.Warning,
            Message = "Stopping idle code-server for build {BuildId} in container {ContainerId} failed with exit code {ExitCode}: {Error}")]
        public static partial void StopFailed(ILogger logger, long buildId, string containerId, long? exitCode, string error, Exception? exception);

        [LoggerMessage(EventId = 4102, EventName = "CodeServerStillActive", Level = LogLevel.Debug,
            Message = "code-server for build {BuildId} in container {ContainerId} served no checked request for the idle timeout, but its own heartbeat is alive; it keeps running.")]
        public static partial void StillActive(ILogger logger, long buildId, string containerId);
    }
}
