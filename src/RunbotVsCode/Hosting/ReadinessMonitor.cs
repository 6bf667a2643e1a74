using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Hosting;

/// <summary>
/// Runs <see cref="ReadinessCheck"/> every <see cref="HttpOptions.ReadinessInterval"/>, so the <c>ready</c> gauge follows
/// the database, nginx and Docker without anyone calling <c>/readyz</c>, and logs each check once when it fails and once
/// when it passes again.
/// </summary>
public sealed partial class ReadinessMonitor : BackgroundService
{
    private readonly ReadinessCheck _check;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ReadinessMonitor> _logger;
    private readonly Dictionary<string, bool> _lastPassed = new(StringComparer.Ordinal);

    /// <summary>Initializes the monitor.</summary>
    public ReadinessMonitor(ReadinessCheck check, IOptions<HttpOptions> http, TimeProvider timeProvider, ILogger<ReadinessMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(http);

        _check = check ?? throw new ArgumentNullException(nameof(check));
        _interval = http.Value.ReadinessInterval;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs every check once and logs the checks whose result changed since the previous run.</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var result in await _check.RunAsync(cancellationToken))
        {
            var known = _lastPassed.TryGetValue(result.Name, out var passedBefore);
            _lastPassed[result.Name] = result.Passed;
            if (!result.Passed && (!known || passedBefore))
            {
                Log.CheckFailed(_logger, result.Name, result.Detail);
            }
            else if (result.Passed && known && !passedBefore)
            {
                Log.CheckPassed(_logger, result.Name, result.Detail);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ReadinessCheckFailed, EventName = "ReadinessCheckFailed", Level = LogLevel.Warning,
            Message = "Readiness check {Check} failed: {Detail}")]
        public static partial void CheckFailed(ILogger logger, string check, string detail);

        [LoggerMessage(EventId = EventIds.ReadinessCheckPassed, EventName = "ReadinessCheckPassed", Level = LogLevel.Information,
            Message = "Readiness check {Check} passes again: {Detail}")]
        public static partial void CheckPassed(ILogger logger, string check, string detail);
    }
}
