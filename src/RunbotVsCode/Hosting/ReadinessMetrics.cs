using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RunbotVsCode.Generation;

namespace RunbotVsCode.Hosting;

/// <summary>
/// The <c>ready</c> gauge of the <c>RunbotVsCode</c> meter: 1 or 0 per readiness check (database, pass, nginx, docker),
/// from the last time <see cref="ReadinessCheck"/> ran, so a dependency that is down shows in <c>/metrics</c> as well as in
/// <c>/readyz</c>. A check that has not run yet has no series.
/// </summary>
public sealed class ReadinessMetrics
{
    private readonly ConcurrentDictionary<string, bool> _passed = new(StringComparer.Ordinal);

    /// <summary>Creates the gauge on a meter from <paramref name="meterFactory"/>.</summary>
    public ReadinessMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(RegenMetrics.MeterName);
        meter.CreateObservableGauge("ready", Observe, "{check}", "1 when the readiness check in the check tag passed the last time it ran, 0 when it failed.");
    }

    /// <summary>Records the results of one run of every check.</summary>
    public void Record(IEnumerable<ReadinessCheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);

        foreach (var result in results)
        {
            _passed[result.Name] = result.Passed;
        }
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _passed.Select(pair => new Measurement<int>(pair.Value ? 1 : 0, new KeyValuePair<string, object?>("check", pair.Key))).ToList();
}
