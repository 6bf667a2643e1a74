using System.Diagnostics.Metrics;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation;

/// <summary>The instruments of the generation cycle, on the <c>RunbotVsCode</c> meter.</summary>
public sealed class RegenMetrics
{
    /// <summary>The meter name every instrument of the service uses.</summary>
    public const string MeterName = "RunbotVsCode";

    private readonly Histogram<double> _passDuration;
    private readonly Counter<long> _passes;
    private long _routed;
    private string? _appliedHash;
    private readonly Dictionary<SkipReason, long> _skipped = [];
    private readonly Lock _skippedLock = new();

    /// <summary>Initializes the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public RegenMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(MeterName);
        _passDuration = meter.CreateHistogram<double>("pass.duration", "s", "Duration of a regeneration pass.");
        _passes = meter.CreateCounter<long>("passes", "{pass}", "Regeneration passes by outcome.");
        meter.CreateObservableGauge("builds.routed", () => Interlocked.Read(ref _routed), "{build}", "Builds routed by the last pass that read the database.");
        meter.CreateObservableGauge("builds.skipped", ObserveSkipped, "{build}", "Running builds left out by the last pass, by reason.");
        meter.CreateObservableGauge("config.applied", ObserveAppliedHash, "{config}", "1 for the SHA-256 of the config nginx last accepted, in the hash tag.");
    }

    /// <summary>Records the end of a pass.</summary>
    public void PassFinished(PassResult result)
    {
        ArgumentNullException.ThrowIfNull(result);

        var outcome = new KeyValuePair<string, object?>("outcome", result.Outcome.ToString());
        _passDuration.Record(result.Duration.TotalSeconds, outcome);
        _passes.Add(1, outcome);

        if (result.Outcome is PassOutcome.Applied or PassOutcome.Unchanged && result.Content is { } content)
        {
            Volatile.Write(ref _appliedHash, Nginx.ConfigApplier.Hash(System.Text.Encoding.UTF8.GetBytes(content)));
        }

        if (result.Routes is { } routes)
        {
            Interlocked.Exchange(ref _routed, routes.Routes.Count);
            lock (_skippedLock)
            {
                _skipped.Clear();
                foreach (var group in routes.Skipped.GroupBy(skipped => skipped.Reason))
                {
                    _skipped[group.Key] = group.Count();
                }
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveAppliedHash() =>
        Volatile.Read(ref _appliedHash) is { } hash ? [new Measurement<long>(1, new KeyValuePair<string, object?>("hash", hash))] : [];

    private IEnumerable<Measurement<long>> ObserveSkipped()
    {
        lock (_skippedLock)
        {
            return Enum.GetValues<SkipReason>()
                .Select(reason => new Measurement<long>(_skipped.GetValueOrDefault(reason), new KeyValuePair<string, object?>("reason", reason.ToString())))
                .ToList();
        }
    }
}
