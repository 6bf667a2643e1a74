using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Containers;

internal sealed partial class CodeServerLauncher
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4000, EventName = "CodeServerStarted", Level = LogLevel.Information,
            Message = "Started code-server for build {BuildId} in container {ContainerId}; it responds at {Upstream} after {TimeToReadyMs} ms.")]
        public static partial void CodeServerStarted(ILogger logger, long buildId, string containerId, string upstream, double timeToReadyMs);

        [LoggerMessage(EventId = 4001, EventName = "CodeServerReused", Level = LogLevel.Debug,
            Message = "code-server for build {BuildId} in container {ContainerId} already responds at {Upstream}.")]
        public static partial void CodeServerReused(ILogger logger, long buildId, string? containerId, string upstream);

        [LoggerMessage(EventId = 4002, EventName = "CodeServerNotStarted", Level = LogLevel.Information,
            Message = "code-server for build {BuildId} was not started ({Status}): {Detail}")]
        public static partial void NotStarted(ILogger logger, long buildId, CodeServerStartStatus status, string detail);

        [LoggerMessage(EventId = 4003, EventName = "AttachableByDatabase", Level = LogLevel.Debug,
            Message = "The image of build {BuildId} has no code-server label; the code-server layer of Dockerfile {DockerfileName} in runbot's database allows the attach.")]
        public static partial void AttachableByDatabase(ILogger logger, long buildId, string? dockerfileName);

        [LoggerMessage(EventId = 4004, EventName = "DockerUnavailable", Level = LogLevel.Warning,
            Message = "The Docker engine did not respond while looking up container {ContainerName} of build {BuildId}; falling back to runbot's database.")]
        public static partial void DockerUnavailable(ILogger logger, long buildId, string containerName, Exception exception);

        [LoggerMessage(EventId = 4005, EventName = "CodeServerStartFailed", Level = LogLevel.Warning,
            Message = "code-server for build {BuildId} in container {ContainerId} exited with code {ExitCode} before it responded. Last output lines:\n{OutputTail}")]
        public static partial void StartFailed(ILogger logger, long buildId, string containerId, long? exitCode, string outputTail);

        [LoggerMessage(EventId = 4006, EventName = "CodeServerStartTimedOut", Level = LogLevel.Warning,
            Message = "code-server for build {BuildId} in container {ContainerId} did not respond at {Upstream} in time. {Detail}")]
        public static partial void StartTimedOut(ILogger logger, long buildId, string? containerId, string upstream, string detail);

        [LoggerMessage(EventId = 4007, EventName = "CodeServerStopFailed", Level = LogLevel.Warning,
            Message = "Stopping code-server for build {BuildId} in container {ContainerId} failed with exit code {ExitCode}: {Error}")]
        public static partial void StopFailed(ILogger logger, long buildId, string containerId, long? exitCode, string error, Exception? exception);

        [LoggerMessage(EventId = 4008, EventName = "CodeServerExecFailed", Level = LogLevel.Warning,
            Message = "docker exec for build {BuildId} in container {ContainerId} failed.")]
        public static partial void ExecFailed(ILogger logger, long buildId, string containerId, Exception exception);
    }
}
