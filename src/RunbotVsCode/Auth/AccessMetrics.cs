using System.Diagnostics.Metrics;
using RunbotVsCode.Generation;

namespace RunbotVsCode.Auth;

/// <summary>Counters of access decisions, on the <c>RunbotVsCode</c> meter.</summary>
public sealed class AccessMetrics
{
    private readonly Counter<long> _decisions;

    /// <summary>Initializes the counters on a meter from <paramref name="meterFactory"/>.</summary>
    public AccessMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);

        var meter = meterFactory.Create(RegenMetrics.MeterName);
        _decisions = meter.CreateCounter<long>("auth.decisions", "{decision}", "Access decisions by endpoint and result.");
    }

    /// <summary>Counts one decision of <paramref name="endpoint"/>.</summary>
    public void Decided(string endpoint, AccessResult result) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("result", result.ToString()));

    /// <summary>Counts one outcome of the open route or the exchange that ends on a page or a redirect.</summary>
    public void Decided(string endpoint, string outcome) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("result", outcome));
}
