using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbotVsCode.Auth;
using RunbotVsCode.Generation;
using RunbotVsCode.Hosting;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// The service's endpoints served by Kestrel on a loopback port, wired as <c>serve</c> wires them. The timed worker
/// runs only when asked for; otherwise tests run passes on demand.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, int port, CapturingLoggerProvider logs)
    {
        _app = app;
        Port = port;
        Logs = logs;
    }

    /// <summary>Gets the port the endpoints listen on.</summary>
    public int Port { get; }

    /// <summary>Gets the log entries written so far.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>Gets the pass, to run one on demand.</summary>
    public RegenPass Pass => _app.Services.GetRequiredService<RegenPass>();

    /// <summary>Gets a registered service.</summary>
    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// Starts the endpoints on <paramref name="port"/> with <paramref name="settings"/>; <paramref name="timeProvider"/>
    /// replaces the clock when given, and <paramref name="withWorker"/> adds the worker that runs passes on <c>Regen:Interval</c>.
    /// </summary>
    public static async Task<ServiceHost> StartAsync(int port, IDictionary<string, string?> settings, TimeProvider? timeProvider = null, bool withWorker = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddRunbotVsCode();
        if (withWorker)
        {
            builder.Services.AddRegenWorker();
        }

        var app = builder.Build();
        app.MapHealth();
        app.MapAccess();
        await app.StartAsync();
        return new ServiceHost(app, port, logs);
    }

    /// <summary>Sends a GET to the service itself, without following redirects.</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, IDictionary<string, string>? headers = null)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Port}{pathAndQuery}");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
