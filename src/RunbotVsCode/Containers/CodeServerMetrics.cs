using System.Diagnostics.Metrics;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers;

/// <summary>The code-server instruments of the <c>RunbotVsCode</c> meter.</summary>
public sealed class CodeServerMetrics
{
    /// <summary>The meter name, for exporters that select meters by name.</summary>
    public const string MeterName = "RunbotVsCode";

    /// <summary>The name of the histogram of start durations.</summary>
    public const string TimeToReadyName = "code_server.time_to_ready";

    private readonly Histogram<double> _timeToReady;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public CodeServerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(MeterName);
        _timeToReady = meter.CreateHistogram<double>(
            TimeToReadyName,
            unit: "s",
            description: "Time from an open request until a code-server the service started responded to HTTP.");
    }

    /// <summary>Records one start that became ready, tagged with the upstream mode.</summary>
    public void RecordTimeToReady(TimeSpan duration, UpstreamMode mode) =>
        _timeToReady.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("upstream.mode", mode.ToString()));
}
