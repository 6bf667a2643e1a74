using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbotVsCode.Generation;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Infrastructure;

/// <summary>The service's parts wired exactly as the host wires them, from in-memory settings.</summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ServiceUnderTest(ServiceProvider provider)
    {
        _provider = provider;
    }

    /// <summary>Gets the log entries written so far.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Gets the pass.</summary>
    public RegenPass Pass => _provider.GetRequiredService<RegenPass>();

    /// <summary>Gets a registered service.</summary>
    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Returns the settings that point the service at <paramref name="database"/> and <paramref name="nginx"/>.</summary>
    public static Dictionary<string, string?> Settings(RunbotDatabase database, NginxServer nginx, int authPort, string buildRoot) => new()
    {
        ["Runbot:ConnectionString"] = database.ConnectionString,
        ["Runbot:HostName"] = "runbot-host-1.example.com",
        ["Nginx:ConfigPath"] = nginx.ConfigPath,
        ["Nginx:MainConfigPath"] = nginx.MainConfigPath,
        ["Nginx:Prefix"] = nginx.Prefix,
        ["Nginx:PidFile"] = nginx.PidFile,
        ["Nginx:Binary"] = TestServices.NginxBinary,
        ["Nginx:Listen"] = $"127.0.0.1:{nginx.Port}",
        ["Nginx:AuthAddress"] = $"127.0.0.1:{authPort}",
        ["Nginx:TemplatePath"] = Path.Combine(TestServices.RepositoryRoot, "templates", "nginx", "vscode.conf.scriban"),
        ["Upstream:BuildRoot"] = buildRoot,
    };

    /// <summary>Builds the service from <paramref name="settings"/> and checks them as the host does at start.</summary>
    public static ServiceUnderTest Create(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        var logs = new CapturingLoggerProvider();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddRunbotVsCode();

        var service = new ServiceUnderTest(services.BuildServiceProvider());
        service.Logs.Attach(logs);
        service.Get<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return service;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
