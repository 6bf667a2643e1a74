using BenchmarkDotNet.Attributes;
using RunbotVsCode.Rendering;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// Route building and rendering of the nginx config with the shipped template, against a hand-written
/// <see cref="System.Text.StringBuilder"/> that produces the same bytes (the baseline of each build count).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class RouteRenderBenchmarks
{
    private const string Listen = "8080";
    private const string AuthAddress = "127.0.0.1:8079";
    private const string CookieName = "runbot_vscode";

    private List<RunningBuild> _builds = [];
    private RouteBuilder _routeBuilder = null!;
    private NginxConfigRenderer _renderer = null!;
    private NginxConfigModel _model = null!;

    /// <summary>Gets or sets the number of running builds.</summary>
    [Params(100, 1_000, 10_000)]
    public int Builds { get; set; }

    /// <summary>Builds the inputs and checks that the baseline writes what the template renders.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _builds = SyntheticBuilds.Create(Builds);
        _routeBuilder = new RouteBuilder(new UpstreamOptions { BuildRoot = "/srv/runbot/static/build" });
        _renderer = new NginxConfigRenderer(TemplateFile.Load(BenchFiles.NginxTemplate));
        _model = Model(_routeBuilder.Build(_builds, SyntheticBuilds.Settings, new Dictionary<long, ContainerFacts>()));

        var rendered = _renderer.Render(_model);
        var written = HandWrittenConfig.Write(_model);
        if (_model.Routes.Count != Builds || rendered != written)
        {
            var at = Enumerable.Range(0, Math.Min(rendered.Length, written.Length)).FirstOrDefault(index => rendered[index] != written[index]);
            throw new InvalidOperationException($"The baseline does not write what the template renders: {_model.Routes.Count} routes, first difference at character {at}.");
        }
    }

    /// <summary>Writes the config with a StringBuilder from routes already built.</summary>
    [Benchmark(Baseline = true)]
    public string HandWritten() => HandWrittenConfig.Write(_model);

    /// <summary>Renders the config with Scriban from routes already built.</summary>
    [Benchmark]
    public string Render() => _renderer.Render(_model);

    /// <summary>Checks every build and builds its route.</summary>
    [Benchmark]
    public RouteTable BuildRoutes() => _routeBuilder.Build(_builds, SyntheticBuilds.Settings, new Dictionary<long, ContainerFacts>());

    /// <summary>Builds the routes and renders them, as a pass does between the read and the apply.</summary>
    [Benchmark]
    public string BuildRoutesAndRender() =>
        _renderer.Render(Model(_routeBuilder.Build(_builds, SyntheticBuilds.Settings, new Dictionary<long, ContainerFacts>())));

    private static NginxConfigModel Model(RouteTable routes) => new(Listen, AuthAddress, 32, CookieName, routes.Routes);
}
