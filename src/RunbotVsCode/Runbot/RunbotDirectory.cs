using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RunbotVsCode.Runbot;

/// <summary>Point lookups in runbot's database for the access flow: a user, a build, the database secret.</summary>
public sealed class RunbotDirectory
{
    private const string UserSql = """
        SELECT id, login, COALESCE(active, false) AS active, COALESCE(share, true) AS share
          FROM res_users
         WHERE id = @Id;
        """;

    private const string BuildSql = """
        SELECT b.id, b.dest, b.host, b.port, s.name AS stepname, v.name AS versionname,
               p.dockerfile_id AS dockerfileid, b.job_start AS jobstart, b.local_state AS localstate
          FROM runbot_build b
          JOIN runbot_build_params p ON p.id = b.params_id
          LEFT JOIN runbot_build_config_step s ON s.id = b.active_step
          LEFT JOIN runbot_version v ON v.id = p.version_id
         WHERE b.id = @Id;
        """ + RunbotReader.LayerGraphSql;

    private const string ParameterSql = """
        SELECT value FROM ir_config_parameter WHERE key = @Key;
        """;

    private const string ParametersSql = """
        SELECT key, value FROM ir_config_parameter WHERE key = ANY(@Keys);
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly RunbotOptions _options;

    /// <summary>Initializes the directory on the shared data source.</summary>
    public RunbotDirectory(NpgsqlDataSource dataSource, IOptions<RunbotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);

        _dataSource = dataSource;
        _options = options.Value;
    }

    /// <summary>Returns the user <paramref name="userId"/>, or null when no such user exists.</summary>
    public async Task<UserAccount?> FindUserAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var command = new CommandDefinition(UserSql, new { Id = (int)Math.Clamp(userId, 0, int.MaxValue) }, cancellationToken: cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Id, string Login, bool Active, bool Share)?>(command);
        return row is { } user ? new UserAccount(user.Id, user.Login, user.Active, user.Share) : null;
    }

    /// <summary>Returns the build <paramref name="buildId"/> in any state, or null when no such build exists.</summary>
    public async Task<BuildRecord?> FindBuildAsync(long buildId, CancellationToken cancellationToken = default)
    {
        var (module, name) = RunbotReader.SplitXmlId(_options.CodeServerLayerXmlId);
        var parameters = new { Id = (int)Math.Clamp(buildId, 0, int.MaxValue), Module = module, Name = name };

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(BuildSql, parameters, cancellationToken: cancellationToken));
        var row = (await results.ReadAsync<BuildRow>()).FirstOrDefault();
        var (graph, layerId) = await RunbotReader.ReadGraphAsync(results);
        if (row is null)
        {
            return null;
        }

        var inclusion = layerId is { } id ? graph.FindInclusions(id) : LayerInclusion.None;
        return new BuildRecord(RunbotReader.ToBuild(row, graph, inclusion), row.LocalState ?? "");
    }

    /// <summary>Returns the <c>ir_config_parameter</c> value of <paramref name="key"/>, or null when it is not set.</summary>
    public async Task<string?> ReadParameterAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(ParameterSql, new { Key = key }, cancellationToken: cancellationToken));
    }

    /// <summary>Returns the <c>ir_config_parameter</c> values of <paramref name="keys"/> that are set, by key.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadParametersAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Value)>(new CommandDefinition(ParametersSql, new { Keys = keys.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Key, row => row.Value);
    }
}
