using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbotVsCode.Generation;
using RunbotVsCode.Hosting;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// Whole passes over 10,000 running builds against a real PostgreSQL and a real nginx, wired as the host wires them
/// (Docker is not asked). The baseline is a pass whose content changed, which writes, tests and reloads nginx; an
/// unchanged pass reads and renders but neither writes nor reloads. A dry run and the database read alone split the cost.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PassBenchmarks
{
    private const int AddedBuilds = 10_000;

    private BenchDatabase _database = null!;
    private BenchNginx _nginx = null!;
    private string _buildRoot = "";
    private ServiceProvider _services = null!;
    private RegenPass _pass = null!;
    private IRunbotReader _reader = null!;

    /// <summary>Creates the database and the nginx prefix, wires the service and runs a first pass that starts nginx.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync(AddedBuilds);
        _nginx = new BenchNginx();
        _buildRoot = Path.Combine(_nginx.Prefix, "build");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IContainerFactsSource, NoContainerFacts>();
        services.AddRunbotVsCode();
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<IStartupValidator>().Validate();
        _pass = _services.GetRequiredService<RegenPass>();
        _reader = _services.GetRequiredService<IRunbotReader>();

        var first = await _pass.RunAsync();
        if (!first.Succeeded || first.Routes!.Routes.Count < AddedBuilds)
        {
            throw new InvalidOperationException($"The first pass did not route {AddedBuilds} builds: {first.Outcome} {first.Message}");
        }
    }

    /// <summary>Switches one build between running and done so that the next pass has a change to apply.</summary>
    [IterationSetup(Target = nameof(ChangedPass))]
    public void ChangeOneBuild() => _database.ToggleBuild(BenchDatabase.FirstAddedBuildId);

    /// <summary>Reads, renders, writes, runs <c>nginx -t</c> and reloads nginx.</summary>
    [Benchmark(Baseline = true)]
    public async Task<PassResult> ChangedPass() => Expect(await _pass.RunAsync(), PassOutcome.Applied);

    /// <summary>Reads and renders the same content as nginx serves; nothing is written and nginx is not signalled.</summary>
    [Benchmark]
    public async Task<PassResult> UnchangedPass() => Expect(await _pass.RunAsync(), PassOutcome.Unchanged);

    /// <summary>Reads and renders, then stops before the lock and the apply.</summary>
    [Benchmark]
    public async Task<PassResult> DryRunPass() => Expect(await _pass.RunAsync(dryRun: true), PassOutcome.DryRun);

    /// <summary>Reads the snapshot alone: builds, Dockerfiles, layers and settings in one round trip, and the layer walk.</summary>
    [Benchmark]
    public Task<RunbotSnapshot> ReadSnapshot() => _reader.ReadAsync("runbot-host-1.example.com", "runbot_attach_vscode.docker_layer_code_server");

    /// <summary>Stops nginx and drops the database.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        _nginx.Dispose();
        await _database.DisposeAsync();
    }

    private static PassResult Expect(PassResult result, PassOutcome expected) =>
        result.Outcome == expected ? result : throw new InvalidOperationException($"The pass ended {result.Outcome}, not {expected}: {result.Message}");

    private Dictionary<string, string?> Settings() => new()
    {
        ["Runbot:ConnectionString"] = _database.ConnectionString,
        ["Runbot:HostName"] = "runbot-host-1.example.com",
        ["Nginx:ConfigPath"] = _nginx.ConfigPath,
        ["Nginx:MainConfigPath"] = _nginx.MainConfigPath,
        ["Nginx:Prefix"] = _nginx.Prefix + "/",
        ["Nginx:PidFile"] = _nginx.PidFile,
        ["Nginx:Binary"] = BenchNginx.Binary,
        ["Nginx:Listen"] = $"127.0.0.1:{_nginx.Port}",
        ["Nginx:TemplatePath"] = BenchFiles.NginxTemplate,

        // nginx -t and the reload each parse 10,000 server blocks, which took 15 s or more on the benchmark machine.
        ["Nginx:CommandTimeout"] = "00:02:00",
        ["Upstream:BuildRoot"] = _buildRoot,
    };
}
