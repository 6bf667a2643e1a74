using System.Diagnostics.Metrics;
using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Hosting.Tests;

public class ReadinessMetricsTests
{
    private TestMeterFactory _meters = null!;
    private ReadinessMetrics _metrics = null!;

    [SetUp]
    public void SetUp()
    {
        _meters = new TestMeterFactory();
        _metrics = new ReadinessMetrics(_meters);
    }

    [TearDown]
    public void TearDown() => _meters.Dispose();

    private Dictionary<string, int> Observe()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "ready" && _meters.Meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => seen[(string)tags[0].Value!] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    [Test]
    public void Observe_NothingRecorded_HasNoSeries()
    {
        Assert.That(Observe(), Is.Empty);
    }

    [Test]
    public void Observe_AfterRecord_OnePerCheck()
    {
        _metrics.Record([new("database", true, "answers"), new("nginx", false, "no master")]);

        Assert.That(Observe(), Is.EqualTo(new Dictionary<string, int> { ["database"] = 1, ["nginx"] = 0 }));
    }

    [Test]
    public void Observe_LaterRecord_ReplacesEarlierValue()
    {
        _metrics.Record([new("nginx", false, "no master")]);
        _metrics.Record([new("nginx", true, "a master runs")]);

        Assert.That(Observe()["nginx"], Is.EqualTo(1));
    }
}
