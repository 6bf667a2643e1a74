using System.Diagnostics.Metrics;

namespace RunbotVsCode.TestSupport;

/// <summary>A meter factory that creates plain meters and disposes them with itself.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <summary>Gets the meters created so far, so a listener can tell them from meters of other tests.</summary>
    public IReadOnlyList<Meter> Meters => _meters;

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }

        _meters.Clear();
    }
}
