using System.Diagnostics;
using Dapper;
using Docker.DotNet;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Auth;
using RunbotVsCode.Containers;
using RunbotVsCode.Nginx;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Hosting;

/// <summary>
/// Checks an installation end to end, each check with a plain fix: the database and the runbot columns the service
/// reads, <c>database.secret</c>, nginx and its config, Docker, the build folders and the code-server layer.
/// </summary>
public sealed class Doctor
{
    /// <summary>Every runbot and Odoo column the service reads, by table, with the runbot version that has it.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Since)> ReadColumns =
    [
        ("runbot_build", "id", "any"), ("runbot_build", "params_id", "any"), ("runbot_build", "local_state", "any"),
        ("runbot_build", "host", "any"), ("runbot_build", "port", "any"), ("runbot_build", "dest", "any"),
        ("runbot_build", "active_step", "any"), ("runbot_build", "job_start", "any"),
        ("runbot_build_params", "id", "13.0"), ("runbot_build_params", "dockerfile_id", "15.0"), ("runbot_build_params", "version_id", "13.0"),
        ("runbot_build_config_step", "id", "any"), ("runbot_build_config_step", "name", "any"),
        ("runbot_version", "id", "13.0"), ("runbot_version", "name", "13.0"),
        ("runbot_dockerfile", "id", "13.0"), ("runbot_dockerfile", "name", "13.0"), ("runbot_dockerfile", "parent_id", "18.0"),
        ("runbot_dockerfile", "image_tag", "13.0"), ("runbot_dockerfile", "active", "13.0"), ("runbot_dockerfile", "default_values", "18.0"),
        ("runbot_docker_layer", "id", "17.0"), ("runbot_docker_layer", "name", "17.0"), ("runbot_docker_layer", "sequence", "17.0"),
        ("runbot_docker_layer", "dockerfile_id", "17.0"), ("runbot_docker_layer", "layer_type", "17.0"), ("runbot_docker_layer", "content", "17.0"),
        ("runbot_docker_layer", "packages", "17.0"), ("runbot_docker_layer", "values", "17.0"),
        ("runbot_docker_layer", "reference_docker_layer_id", "17.0"), ("runbot_docker_layer", "reference_dockerfile_id", "17.0"),
        ("ir_config_parameter", "key", "Odoo"), ("ir_config_parameter", "value", "Odoo"),
        ("ir_model_data", "module", "Odoo"), ("ir_model_data", "name", "Odoo"), ("ir_model_data", "model", "Odoo"), ("ir_model_data", "res_id", "Odoo"),
        ("res_users", "id", "Odoo"), ("res_users", "login", "Odoo"), ("res_users", "active", "Odoo"), ("res_users", "share", "Odoo"),
    ];

    private const string ColumnsSql = """
        SELECT table_name || '.' || column_name
          FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ANY(@Tables);
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IRunbotReader _reader;
    private readonly RunbotDirectory _directory;
    private readonly INginxControl _nginx;
    private readonly IDockerClient _docker;
    private readonly RunbotOptions _runbot;
    private readonly NginxOptions _nginxOptions;
    private readonly UpstreamOptions _upstream;
    private readonly CodeServerOptions _codeServer;

    /// <summary>Initializes the doctor.</summary>
    public Doctor(
        NpgsqlDataSource dataSource,
        IRunbotReader reader,
        RunbotDirectory directory,
        INginxControl nginx,
        IDockerClient docker,
        IOptions<RunbotOptions> runbot,
        IOptions<NginxOptions> nginxOptions,
        IOptions<UpstreamOptions> upstream,
        IOptions<CodeServerOptions> codeServer)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _nginx = nginx ?? throw new ArgumentNullException(nameof(nginx));
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _runbot = (runbot ?? throw new ArgumentNullException(nameof(runbot))).Value;
        _nginxOptions = (nginxOptions ?? throw new ArgumentNullException(nameof(nginxOptions))).Value;
        _upstream = (upstream ?? throw new ArgumentNullException(nameof(upstream))).Value;
        _codeServer = (codeServer ?? throw new ArgumentNullException(nameof(codeServer))).Value;
    }

    /// <summary>Runs every check; checks that need the database are reported as failed when it cannot be reached.</summary>
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<DoctorCheck>();
        var database = await CheckDatabaseAsync(cancellationToken);
        checks.Add(database);
        if (database.Passed)
        {
            checks.Add(await CheckColumnsAsync(cancellationToken));
            checks.Add(await CheckSecretAsync(cancellationToken));
            checks.Add(await CheckLayerAsync(cancellationToken));
        }

        checks.AddRange(await CheckNginxAsync(cancellationToken));
        checks.Add(CheckBuildRoot());
        if (_codeServer.LazyStart || _upstream.Mode == UpstreamMode.ContainerIp)
        {
            checks.Add(await CheckDockerAsync(cancellationToken));
        }

        return checks;
    }

    private async Task<DoctorCheck> CheckDatabaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return new DoctorCheck("database", true, $"connected to database '{connection.Database}' on {connection.Host ?? connection.DataSource}");
        }
        catch (NpgsqlException exception)
        {
            return new DoctorCheck("database", false, $"cannot connect: {exception.Message}", "Check Runbot:ConnectionString and that this user may connect to runbot's database.");
        }
    }

    private async Task<DoctorCheck> CheckColumnsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var tables = ReadColumns.Select(column => column.Table).Distinct().ToArray();
        var present = (await connection.QueryAsync<string>(new CommandDefinition(ColumnsSql, new { Tables = tables }, cancellationToken: cancellationToken))).ToHashSet();
        var missing = ReadColumns.Where(column => !present.Contains($"{column.Table}.{column.Column}")).ToList();
        if (missing.Count == 0)
        {
            return new DoctorCheck("runbot schema", true, $"all {ReadColumns.Count} columns the service reads exist");
        }

        var names = string.Join(", ", missing.Select(column => $"{column.Table}.{column.Column} (runbot {column.Since})"));
        return new DoctorCheck("runbot schema", false, $"missing columns: {names}", "Upgrade runbot to a version that has them, or point Runbot:ConnectionString at runbot's own database.");
    }

    private async Task<DoctorCheck> CheckSecretAsync(CancellationToken cancellationToken)
    {
        var secret = await _directory.ReadParameterAsync(KeyRingSource.SecretKey, cancellationToken);
        return secret is { Length: >= KeyRing.MinSecretLength }
            ? new DoctorCheck("database.secret", true, "present")
            : new DoctorCheck("database.secret", false, "missing or too short", "Odoo creates ir_config_parameter 'database.secret' with the database; restore it from runbot's Odoo settings.");
    }

    private async Task<DoctorCheck> CheckLayerAsync(CancellationToken cancellationToken)
    {
        RunbotSnapshot snapshot;
        try
        {
            snapshot = await _reader.ReadAllHostsAsync(_runbot.CodeServerLayerXmlId, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            return new DoctorCheck("code-server layer", false, $"the builds and layers cannot be read: {exception.Message}", "Fix the schema problems reported above.");
        }

        if (snapshot.CodeServerLayerId is null)
        {
            return new DoctorCheck("code-server layer", false, $"external id {_runbot.CodeServerLayerXmlId} is not found", "Run 'runbot-vscode layer install', then 'runbot-vscode layer attach --dockerfile NAME'.");
        }

        var attached = snapshot.Inclusion.PathsByDockerfile.Keys
            .Select(id => snapshot.Graph.Dockerfiles.TryGetValue(id, out var dockerfile) ? dockerfile.Name : id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)
            .ToList();
        return attached.Count == 0
            ? new DoctorCheck("code-server layer", false, "installed but no Dockerfile includes it", "Run 'runbot-vscode layer attach --dockerfile NAME' for the Dockerfiles whose builds should open VS Code.")
            : new DoctorCheck("code-server layer", true, $"installed and included by {string.Join(", ", attached)}");
    }

    private async Task<IReadOnlyList<DoctorCheck>> CheckNginxAsync(CancellationToken cancellationToken)
    {
        var (exitCode, version) = await RunNginxAsync(["-V"], cancellationToken);
        if (exitCode is null)
        {
            return [new DoctorCheck("nginx", false, $"'{_nginxOptions.Binary}' cannot be run", "Install nginx or set Nginx:Binary to its path.")];
        }

        var firstLine = version.Split('\n')[0].Trim();
        var checks = new List<DoctorCheck>
        {
            version.Contains("--with-http_auth_request_module", StringComparison.Ordinal)
                ? new DoctorCheck("nginx", true, $"{firstLine}, with auth_request")
                : new DoctorCheck("nginx", false, $"{firstLine} lacks the auth_request module", "Install an nginx built with --with-http_auth_request_module, such as Debian's 'nginx' package."),
        };

        var (dumpExit, dump) = await RunNginxAsync(["-T", "-p", _nginxOptions.Prefix, "-c", _nginxOptions.MainConfigPath], cancellationToken);
        var included = dumpExit == 0 && dump.Contains($"# configuration file {_nginxOptions.ConfigPath}:", StringComparison.Ordinal);
        checks.Add(included
            ? new DoctorCheck("nginx include", true, $"{_nginxOptions.MainConfigPath} includes {_nginxOptions.ConfigPath}")
            : new DoctorCheck(
                "nginx include",
                false,
                dumpExit == 0 ? $"{_nginxOptions.MainConfigPath} does not include {_nginxOptions.ConfigPath}" : $"nginx -T failed: {LastLine(dump)}",
                $"Add 'include {Path.GetDirectoryName(_nginxOptions.ConfigPath)}/*.conf;' at http level of {_nginxOptions.MainConfigPath}, then run 'runbot-vscode regen'."));

        checks.Add(_nginx.IsMasterRunning()
            ? new DoctorCheck("nginx master", true, $"{_nginxOptions.PidFile} names a running nginx master")
            : new DoctorCheck("nginx master", false, $"{_nginxOptions.PidFile} names no running nginx master", "Start runbot's nginx, or set Nginx:PidFile to the pid file of the running master."));
        return checks;
    }

    private DoctorCheck CheckBuildRoot()
    {
        try
        {
            var count = Directory.EnumerateDirectories(_upstream.BuildRoot).Count();
            return new DoctorCheck("build root", true, $"{_upstream.BuildRoot} is readable ({count} build folders)");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new DoctorCheck("build root", false, $"{_upstream.BuildRoot} cannot be read: {exception.Message}", "Set Upstream:BuildRoot to runbot's static/build folder and let this service's user read it.");
        }
    }

    private async Task<DoctorCheck> CheckDockerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await _docker.System.GetVersionAsync(cancellationToken);
            return new DoctorCheck("docker", true, $"Docker {version.Version} answers");
        }
        catch (Exception exception) when (BuildContainerLocator.IsUnavailable(exception, cancellationToken) || exception is DockerApiException)
        {
            return new DoctorCheck("docker", false, $"Docker does not answer: {exception.Message}", "Check Docker:Endpoint and that this service's user may use the Docker socket.");
        }
    }

    private async Task<(int? ExitCode, string Output)> RunNginxAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_nginxOptions.Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await error + await output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "");
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
