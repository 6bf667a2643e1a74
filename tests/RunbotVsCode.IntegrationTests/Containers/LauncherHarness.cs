using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Containers.Tests;

/// <summary>The container services as the host registers them, with test configuration and recorded logs.</summary>
internal sealed class LauncherHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public LauncherHarness(string buildRoot, string mode, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Docker:Endpoint"] = DockerTestEnvironment.Endpoint,
            ["Upstream:Mode"] = mode,
            ["Upstream:BuildRoot"] = buildRoot,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Time);
        services.AddBuildContainers();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public RecordingLoggerProvider Logs { get; } = new();

    public ShiftedTimeProvider Time { get; } = new();

    public ICodeServerLauncher Launcher => _provider.GetRequiredService<ICodeServerLauncher>();

    public ICodeServerActivity Activity => _provider.GetRequiredService<ICodeServerActivity>();

    public IdleStopper IdleStopper => _provider.GetServices<IHostedService>().OfType<IdleStopper>().Single();

    public void Dispose() => _provider.Dispose();
}
