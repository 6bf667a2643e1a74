using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Layers;

public sealed partial class LayerInstaller
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, EventName = "LayerChangesPlanned", Level = LogLevel.Debug,
            Message = "Layer {Command} planned {ChangeCount} row changes and wrote none (dry run: {DryRun}).")]
        public static partial void Planned(ILogger logger, string command, int changeCount, bool dryRun);

        [LoggerMessage(EventId = 5101, EventName = "LayerChangesApplied", Level = LogLevel.Information,
            Message = "Layer {Command} wrote {ChangeCount} rows as res_users {WriteUid}.")]
        public static partial void Applied(ILogger logger, string command, int changeCount, int writeUid);
    }
}
