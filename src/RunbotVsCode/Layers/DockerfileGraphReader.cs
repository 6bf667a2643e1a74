using System.Data;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RunbotVsCode.Layers;

/// <summary>Reads runbot's Dockerfile and layer rows and renders Dockerfiles from them.</summary>
public sealed partial class DockerfileGraphReader
{
    // Column order matches the DockerfileRow constructor, which Dapper requires for positional records.
    private const string DockerfilesSql = """
        SELECT id, name, parent_id AS ParentId, active, image_tag AS ImageTag,
               image_identifier AS ImageIdentifier, default_values::text AS DefaultValues,
               to_build AS ToBuild, in_error AS InError
        FROM runbot_dockerfile
        ORDER BY id
        """;

    // Column order matches the DockerLayerRow constructor.
    private const string LayersSql = """
        SELECT id, name, sequence, dockerfile_id AS DockerfileId, layer_type AS LayerType, content, packages,
               file_destination AS FileDestination, reference_docker_layer_id AS ReferenceDockerLayerId,
               reference_dockerfile_id AS ReferenceDockerfileId, "values"::text AS "Values"
        FROM runbot_docker_layer
        ORDER BY id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<DockerfileGraphReader> _logger;

    /// <summary>Creates a reader over runbot's database.</summary>
    public DockerfileGraphReader(NpgsqlDataSource dataSource, ILogger<DockerfileGraphReader> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);

        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>Reads every Dockerfile and layer, inactive ones included, from one consistent snapshot.</summary>
    public async Task<DockerfileGraph> ReadGraphAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var graph = await ReadGraphAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        Log.GraphRead(_logger, graph.Dockerfiles.Count, graph.Layers.Count);
        return graph;
    }

    /// <summary>Reads every Dockerfile and layer inside a transaction the caller holds, such as one that then writes.</summary>
    internal static async Task<DockerfileGraph> ReadGraphAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var dockerfiles = await connection.QueryAsync<DockerfileRow>(
            new CommandDefinition(DockerfilesSql, transaction: transaction, cancellationToken: cancellationToken));
        var layers = await connection.QueryAsync<DockerLayerRow>(
            new CommandDefinition(LayersSql, transaction: transaction, cancellationToken: cancellationToken));
        return new DockerfileGraph(dockerfiles, layers);
    }

    /// <summary>
    /// Renders the Dockerfile with this name or image tag as runbot would build it. Throws
    /// <see cref="DockerfileNotFoundException"/> for an unknown name and <see cref="DockerfileGraphException"/> for
    /// an ambiguous name or a layer that references a missing row.
    /// </summary>
    public async Task<DockerfileRendering> RenderByNameAsync(
        string nameOrTag,
        RunbotUser user,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrTag);
        ArgumentNullException.ThrowIfNull(user);

        var graph = await ReadGraphAsync(cancellationToken);
        var dockerfile = graph.FindDockerfileByName(nameOrTag);
        var missing = graph.FindMissingReferences(dockerfile.Id);
        if (missing.Count > 0)
        {
            throw new DockerfileGraphException(
                $"Dockerfile {dockerfile.Id} '{dockerfile.Name}' cannot render: {string.Join(" ", missing)} Read the rows again, or fix the reference in runbot.");
        }

        var rendering = new DockerfileRenderer(graph, user).RenderDockerfile(dockerfile.Id);
        foreach (var problem in rendering.Problems)
        {
            Log.RenderProblem(_logger, dockerfile.Id, problem.LayerId, problem.Message);
        }

        return rendering;
    }

    /// <summary>Lists every Dockerfile by name, with the code-server version its rendered text labels.</summary>
    public async Task<IReadOnlyList<DockerfileSummary>> ListAsync(RunbotUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);

        return List(await ReadGraphAsync(cancellationToken), user);
    }

    /// <summary>Summarizes every Dockerfile of <paramref name="graph"/>, sorted by name then id.</summary>
    internal static IReadOnlyList<DockerfileSummary> List(DockerfileGraph graph, RunbotUser user)
    {
        var renderer = new DockerfileRenderer(graph, user);
        return [.. graph.Dockerfiles
            .OrderBy(dockerfile => dockerfile.Name, StringComparer.Ordinal)
            .ThenBy(dockerfile => dockerfile.Id)
            .Select(dockerfile => Summarize(graph, dockerfile, renderer.RenderDockerfile(dockerfile.Id)))];
    }

    private static DockerfileSummary Summarize(DockerfileGraph graph, DockerfileRow dockerfile, DockerfileRendering rendering)
    {
        var parentName = dockerfile.ParentId is int parentId ? graph.FindDockerfile(parentId)?.Name : null;
        var label = VersionLabelPattern().Match(rendering.Text);

        return new DockerfileSummary(
            dockerfile.Id,
            dockerfile.Name,
            dockerfile.ImageTag,
            parentName,
            dockerfile.Active ?? false,
            graph.LayersOf(dockerfile.Id).Count,
            dockerfile.ToBuild ?? false,
            dockerfile.InError ?? false,
            label.Success ? label.Groups["version"].Value : null,
            rendering.Problems.Count);
    }

    // Matches the label line the code-server layer writes; see CodeServerImageLabels.Version.
    [GeneratedRegex(@"^LABEL org\.runbot-vscode\.code-server=""(?<version>[^""\n]*)""", RegexOptions.Multiline)]
    private static partial Regex VersionLabelPattern();
}
