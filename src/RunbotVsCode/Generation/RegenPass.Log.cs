using Microsoft.Extensions.Logging;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation;

public sealed partial class RegenPass
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PassStarted, EventName = nameof(EventIds.PassStarted), Level = LogLevel.Debug,
            Message = "Pass started for host {HostName} (dry run: {DryRun}).")]
        public static partial void PassStarted(ILogger logger, string hostName, bool dryRun);

        [LoggerMessage(EventId = EventIds.ConfigApplied, EventName = nameof(EventIds.ConfigApplied), Level = LogLevel.Information,
            Message = "Config changed: wrote {ConfigPath} with {Routed} builds routed and {Skipped} skipped, and reloaded nginx in {ElapsedMs:0} ms.")]
        public static partial void Applied(ILogger logger, string configPath, int routed, int skipped, double elapsedMs);

        [LoggerMessage(EventId = EventIds.ConfigUnchanged, EventName = nameof(EventIds.ConfigUnchanged), Level = LogLevel.Debug,
            Message = "Pass ended {Outcome}: {Routed} builds routed, {Skipped} skipped, in {ElapsedMs:0} ms.")]
        public static partial void Unchanged(ILogger logger, PassOutcome outcome, int routed, int skipped, double elapsedMs);

        [LoggerMessage(EventId = EventIds.PassFailed, EventName = nameof(EventIds.PassFailed), Level = LogLevel.Error,
            Message = "Pass failed and nginx keeps its current config: {Reason}")]
        public static partial void PassFailed(ILogger logger, string reason, Exception exception);

        [LoggerMessage(EventId = EventIds.BuildSkipped, EventName = nameof(EventIds.BuildSkipped), Level = LogLevel.Warning,
            Message = "Build {BuildId} is left out of the nginx config ({Reason}): {Detail}.")]
        public static partial void BuildSkipped(ILogger logger, long buildId, SkipReason reason, string detail);

        [LoggerMessage(EventId = EventIds.BuildSkipped, EventName = "BuildNotAttachable", Level = LogLevel.Debug,
            Message = "Build {BuildId} cannot open VS Code: {Detail}.")]
        public static partial void BuildNotAttachable(ILogger logger, long buildId, string detail);
    }
}
