using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Nginx;

public sealed partial class NginxProcess
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.NginxReloaded, EventName = nameof(EventIds.NginxReloaded), Level = LogLevel.Debug,
            Message = "Sent SIGHUP to nginx master {Pid}.")]
        public static partial void Reloaded(ILogger logger, int pid);

        [LoggerMessage(EventId = EventIds.NginxStarted, EventName = nameof(EventIds.NginxStarted), Level = LogLevel.Information,
            Message = "No nginx master was running, so nginx was started with {MainConfigPath}.")]
        public static partial void Started(ILogger logger, string mainConfigPath);
    }
}
