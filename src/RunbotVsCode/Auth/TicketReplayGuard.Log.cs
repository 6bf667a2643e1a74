using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Auth;

public sealed partial class TicketReplayGuard
{
    private static partial class Log
    {
        [LoggerMessage(
            EventId = 3010,
            EventName = "ReplayGuardCapacityReached",
            Level = LogLevel.Warning,
            Message = "The ticket replay guard holds its maximum of {Capacity} nonces; {RejectedCount} tickets were rejected since the last warning.")]
        public static partial void CapacityReached(ILogger logger, int capacity, int rejectedCount);

        [LoggerMessage(
            EventId = 3011,
            EventName = "ReplayGuardPruned",
            Level = LogLevel.Debug,
            Message = "Removed {RemovedCount} expired ticket nonces; {RemainingCount} remain.")]
        public static partial void Pruned(ILogger logger, int removedCount, int remainingCount);
    }
}
