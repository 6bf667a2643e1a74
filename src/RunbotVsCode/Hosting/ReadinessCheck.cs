using Docker.DotNet;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Containers;
using RunbotVsCode.Generation;
using RunbotVsCode.Nginx;

namespace RunbotVsCode.Hosting;

/// <summary>
/// Checks what the service needs to do its job now: runbot's database responds, the last pass left nginx serving the config
/// built from the database, an nginx master runs, and Docker responds when code-server is started lazily.
/// </summary>
public sealed class ReadinessCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly NpgsqlDataSource _dataSource;
    private readonly RegenPass _pass;
    private readonly INginxControl _nginx;
    private readonly IDockerClient _docker;
    private readonly CodeServerOptions _codeServer;
    private readonly ReadinessMetrics _metrics;

    /// <summary>Initializes the check.</summary>
    public ReadinessCheck(
        NpgsqlDataSource dataSource,
        RegenPass pass,
        INginxControl nginx,
        IDockerClient docker,
        IOptions<CodeServerOptions> codeServer,
        ReadinessMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(codeServer);

        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _pass = pass ?? throw new ArgumentNullException(nameof(pass));
        _nginx = nginx ?? throw new ArgumentNullException(nameof(nginx));
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _codeServer = codeServer.Value;
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    /// <summary>Runs every check, records the results in the <c>ready</c> gauge, and returns them.</summary>
    public async Task<IReadOnlyList<ReadinessCheckResult>> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ReadinessCheckResult>
        {
            await CheckDatabaseAsync(cancellationToken),
            CheckLastPass(),
            _nginx.IsMasterRunning() ? new("nginx", true, "an nginx master runs") : new("nginx", false, "no nginx master runs under Nginx:PidFile"),
        };

        if (_codeServer.LazyStart)
        {
            results.Add(await CheckDockerAsync(cancellationToken));
        }

        _metrics.Record(results);
        return results;
    }

    private async Task<ReadinessCheckResult> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return new("database", true, "runbot's database answers");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return new("database", false, $"runbot's database does not answer: {exception.Message}");
        }
    }

    private ReadinessCheckResult CheckLastPass() => _pass.LastResult switch
    {
        null => new("pass", false, "no pass has finished yet"),
        { Succeeded: true } last => new("pass", true, $"last pass {last.Outcome}"),
        var last => new("pass", false, $"last pass {last.Outcome}: {last.Message}"),
    };

    private async Task<ReadinessCheckResult> CheckDockerAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await _docker.System.PingAsync(timeout.Token);
            return new("docker", true, "Docker answers");
        }
        catch (Exception exception) when (BuildContainerLocator.IsUnavailable(exception, cancellationToken) || exception is DockerApiException)
        {
            return new("docker", false, $"Docker does not answer at Docker:Endpoint: {exception.Message}");
        }
    }
}
