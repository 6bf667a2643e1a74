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

    /// <summary>Initializes the check.</summary>
    public ReadinessCheck(NpgsqlDataSource dataSource, RegenPass pass, INginxControl nginx, IDockerClient docker, IOptions<CodeServerOptions> codeServer)
    {
        ArgumentNullException.ThrowIfNull(codeServer);

        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _pass = pass ?? throw new ArgumentNullException(nameof(pass));
        _nginx = nginx ?? throw new ArgumentNullException(nameof(nginx));
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _codeServer = codeServer.Value;
    }

    /// <summary>Runs every check and returns each one's name, whether it passed, and a sentence about it.</summary>
    public async Task<IReadOnlyList<(string Name, bool Passed, string Detail)>> RunAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<(string, bool, string)>
        {
            await CheckDatabaseAsync(cancellationToken),
            CheckLastPass(),
            _nginx.IsMasterRunning() ? ("nginx", true, "an nginx master runs") : ("nginx", false, "no nginx master runs under Nginx:PidFile"),
        };

        if (_codeServer.LazyStart)
        {
            results.Add(await CheckDockerAsync(cancellationToken));
        }

        return results;
    }

    private async Task<(string, bool, string)> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return ("database", true, "runbot's database answers");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return ("database", false, $"runbot's database does not answer: {exception.Message}");
        }
    }

    private (string, bool, string) CheckLastPass() => _pass.LastResult switch
    {
        null => ("pass", false, "no pass has finished yet"),
        { Succeeded: true } last => ("pass", true, $"last pass {last.Outcome}"),
        var last => ("pass", false, $"last pass {last.Outcome}: {last.Message}"),
    };

    private async Task<(string, bool, string)> CheckDockerAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await _docker.System.PingAsync(timeout.Token);
            return ("docker", true, "Docker answers");
        }
        catch (Exception exception) when (BuildContainerLocator.IsUnavailable(exception, cancellationToken) || exception is DockerApiException)
        {
            return ("docker", false, $"Docker does not answer at Docker:Endpoint: {exception.Message}");
        }
    }
}
