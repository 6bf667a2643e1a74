using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Runbot;

public sealed partial class RunbotReader
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.SnapshotRead, EventName = nameof(EventIds.SnapshotRead), Level = LogLevel.Debug,
            Message = "Read {BuildCount} running builds of host {HostName} from runbot's database.")]
        public static partial void SnapshotRead(ILogger logger, string hostName, int buildCount);

        [LoggerMessage(EventId = EventIds.LayerNotInstalled, EventName = nameof(EventIds.LayerNotInstalled), Level = LogLevel.Warning,
            Message = "The code-server layer {LayerXmlId} is not in ir_model_data, so no build can open VS Code. Run 'runbot-vscode layer install' or fix Runbot:CodeServerLayerXmlId.")]
        public static partial void LayerNotInstalled(ILogger logger, string layerXmlId);

        [LoggerMessage(EventId = EventIds.ReferenceCycle, EventName = nameof(EventIds.ReferenceCycle), Level = LogLevel.Warning,
            Message = "Runbot's Docker layers reference each other in a cycle, which runbot cannot render: {Cycle}. Fix the reference in runbot.")]
        public static partial void ReferenceCycle(ILogger logger, string cycle);
    }
}
