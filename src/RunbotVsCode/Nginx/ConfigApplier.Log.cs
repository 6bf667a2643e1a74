using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Nginx;

public sealed partial class ConfigApplier
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ConfigRejected, EventName = nameof(EventIds.ConfigRejected), Level = LogLevel.Error,
            Message = "nginx rejected the new {ConfigPath}, so the previous file is back in place and nginx serves the previous config: {NginxOutput}")]
        public static partial void Rejected(ILogger logger, string configPath, string nginxOutput);

        [LoggerMessage(EventId = EventIds.RecheckFailed, EventName = nameof(EventIds.RecheckFailed), Level = LogLevel.Error,
            Message = "nginx -t fails although {ConfigPath} is unchanged: nginx keeps serving what it loaded, but no reload can succeed until the config nginx names is fixed: {NginxOutput}")]
        public static partial void RecheckFailed(ILogger logger, string configPath, string nginxOutput);

        [LoggerMessage(EventId = EventIds.ReloadFailed, EventName = nameof(EventIds.ReloadFailed), Level = LogLevel.Error,
            Message = "The new config passed nginx -t but nginx could not be reloaded; the next pass retries.")]
        public static partial void ReloadFailed(ILogger logger, Exception exception);
    }
}
