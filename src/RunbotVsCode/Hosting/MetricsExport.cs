using Prometheus;

namespace RunbotVsCode.Hosting;

/// <summary>
/// Starts prometheus-net's listener on System.Diagnostics.Metrics once per process, at start-up. prometheus-net would
/// otherwise start it at the first scrape, and counters and histograms recorded before that (the first pass) are lost.
/// </summary>
public static class MetricsExport
{
    private static readonly Lazy<IDisposable> Listener = new(Start);

    /// <summary>Starts the listener if it does not run yet.</summary>
    public static void EnsureStarted() => _ = Listener.Value;

    private static IDisposable Start()
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        return MeterAdapter.StartListening();
    }
}
