using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Runbot;

/// <summary>
/// Reads what a pass needs from runbot's database in one round trip: the running builds of a host,
/// the Dockerfile and layer graph, the code-server layer's id and the routing parameters.
/// </summary>
public sealed partial class RunbotReader : IRunbotReader
{
    /// <summary>The <c>ir_config_parameter</c> keys a pass reads.</summary>
    public static readonly string[] ParameterKeys = [RouteSettings.SuffixKey, RouteSettings.SchemeKey, RouteSettings.BaseUrlKey];

    // Column aliases match the row types' property names, since Dapper matches names case-insensitively but keeps underscores.
    private const string SnapshotSql = """
        SELECT b.id, b.dest, b.host, b.port, s.name AS stepname, v.name AS versionname,
               p.dockerfile_id AS dockerfileid, b.job_start AS jobstart
          FROM runbot_build b
          JOIN runbot_build_params p ON p.id = b.params_id
          LEFT JOIN runbot_build_config_step s ON s.id = b.active_step
          LEFT JOIN runbot_version v ON v.id = p.version_id
         WHERE b.local_state = 'running' AND (CAST(@Host AS varchar) IS NULL OR b.host = @Host)
         ORDER BY b.id;

        """ + LayerGraphSql + """

        SELECT key, value
          FROM ir_config_parameter
         WHERE key = ANY(@Keys);
        """;

    /// <summary>
    /// Three result sets: every Dockerfile, every layer, and the id of the layer named by <c>@Module</c> and <c>@Name</c>
    /// in <c>ir_model_data</c>. These tables hold hundreds of rows, so reading them whole costs less than walking them in SQL.
    /// </summary>
    internal const string LayerGraphSql = """
        SELECT id, name, parent_id AS parentid, image_tag AS imagetag, COALESCE(active, false) AS active
          FROM runbot_dockerfile;

        SELECT id, name, dockerfile_id AS dockerfileid, layer_type AS layertype,
               reference_docker_layer_id AS referencelayerid, reference_dockerfile_id AS referencedockerfileid
          FROM runbot_docker_layer;

        SELECT res_id
          FROM ir_model_data
         WHERE module = @Module AND name = @Name AND model = 'runbot.docker_layer';
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<RunbotReader> _logger;
    private readonly HashSet<string> _reportedCycles = [];
    private readonly Lock _reportedLock = new();

    /// <summary>Initializes the reader on the shared data source.</summary>
    public RunbotReader(NpgsqlDataSource dataSource, ILogger<RunbotReader> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);

        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>
    /// Reads the running builds of <paramref name="hostName"/> and whether each one's Dockerfile renders the layer
    /// named by <paramref name="layerXmlId"/>. Each reference cycle in the layer rows is logged once per process.
    /// </summary>
    public Task<RunbotSnapshot> ReadAsync(string hostName, string layerXmlId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        return ReadHostsAsync(hostName, layerXmlId, cancellationToken);
    }

    /// <summary>Reads the running builds of every host, as <see cref="ReadAsync"/> does for one.</summary>
    public Task<RunbotSnapshot> ReadAllHostsAsync(string layerXmlId, CancellationToken cancellationToken = default) =>
        ReadHostsAsync(null, layerXmlId, cancellationToken);

    private async Task<RunbotSnapshot> ReadHostsAsync(string? hostName, string layerXmlId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layerXmlId);

        var (module, name) = SplitXmlId(layerXmlId);
        var parameters = new { Host = hostName, Module = module, Name = name, Keys = ParameterKeys };

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var command = new CommandDefinition(SnapshotSql, parameters, cancellationToken: cancellationToken);
        await using var results = await connection.QueryMultipleAsync(command);

        var rows = (await results.ReadAsync<BuildRow>()).AsList();
        var (graph, layerId) = await ReadGraphAsync(results);
        var settings = (await results.ReadAsync<(string Key, string Value)>()).ToDictionary(row => row.Key, row => row.Value);

        var inclusion = layerId is { } id ? graph.FindInclusions(id) : LayerInclusion.None;
        if (layerId is null)
        {
            Log.LayerNotInstalled(_logger, layerXmlId);
        }

        ReportCycles(inclusion.Cycles);
        var builds = rows.ConvertAll(row => ToBuild(row, graph, inclusion));
        Log.SnapshotRead(_logger, hostName ?? "(all)", builds.Count);

        return new RunbotSnapshot(builds, settings, graph, layerId, inclusion);
    }

    /// <summary>Reads the three result sets of <see cref="LayerGraphSql"/>.</summary>
    internal static async Task<(LayerGraph Graph, int? LayerId)> ReadGraphAsync(SqlMapper.GridReader results)
    {
        var graph = new LayerGraph(await results.ReadAsync<DockerfileNode>(), await results.ReadAsync<LayerNode>());
        var layerId = (await results.ReadAsync<int?>()).FirstOrDefault();
        return (graph, layerId);
    }

    /// <summary>Splits a checked external id <c>module.name</c> at its first dot.</summary>
    internal static (string Module, string Name) SplitXmlId(string xmlId)
    {
        var separator = xmlId.IndexOf('.', StringComparison.Ordinal);
        return (xmlId[..separator], xmlId[(separator + 1)..]);
    }

    /// <summary>Turns a build row into a build, with its Dockerfile's name, tag and whether it renders the layer.</summary>
    internal static RunningBuild ToBuild(BuildRow row, LayerGraph graph, LayerInclusion inclusion)
    {
        var dockerfile = row.DockerfileId is { } id ? graph.Dockerfiles.GetValueOrDefault(id) : null;
        return new RunningBuild(
            row.Id,
            row.Dest,
            row.Host,
            row.Port,
            row.StepName,
            row.VersionName,
            row.DockerfileId,
            dockerfile?.Name,
            dockerfile?.ImageTag,
            inclusion.Includes(row.DockerfileId),
            row.JobStart);
    }

    private void ReportCycles(IReadOnlyList<string> cycles)
    {
        foreach (var cycle in cycles)
        {
            bool isNew;
            lock (_reportedLock)
            {
                isNew = _reportedCycles.Add(cycle);
            }

            if (isNew)
            {
                Log.ReferenceCycle(_logger, cycle);
            }
        }
    }
}
