using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Generation;

/// <summary>Runs a pass at start and then on the interval or cron schedule until the host stops.</summary>
public sealed partial class RegenWorker : BackgroundService
{
    private readonly RegenPass _pass;
    private readonly RegenSchedule _schedule;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RegenWorker> _logger;

    /// <summary>Initializes the worker.</summary>
    public RegenWorker(RegenPass pass, RegenSchedule schedule, TimeProvider timeProvider, ILogger<RegenWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _pass = pass;
        _schedule = schedule;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _pass.RunAsync(cancellationToken: stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // One broken pass must not stop the service: nginx keeps serving and the next pass tries again.
                Log.UnexpectedFailure(_logger, exception);
            }

            var delay = _schedule.DelayFrom(_timeProvider.GetUtcNow());
            Log.NextPass(_logger, delay.TotalSeconds);
            try
            {
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.NextPassScheduled, EventName = nameof(EventIds.NextPassScheduled), Level = LogLevel.Trace,
            Message = "Next pass in {DelaySeconds:0.###} s.")]
        public static partial void NextPass(ILogger logger, double delaySeconds);

        [LoggerMessage(EventId = EventIds.PassFailed, EventName = "UnexpectedPassFailure", Level = LogLevel.Error,
            Message = "A pass failed unexpectedly; nginx keeps its current config and the next pass tries again.")]
        public static partial void UnexpectedFailure(ILogger logger, Exception exception);
    }
}
