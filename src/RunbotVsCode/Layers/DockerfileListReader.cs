using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Layers;

/// <summary>Lists runbot's Dockerfiles with whether, and through which rows, each renders the code-server layer.</summary>
public sealed class DockerfileListReader
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly LayerOptions _layerOptions;
    private readonly RunbotOptions _runbotOptions;

    /// <summary>Creates the reader over runbot's database.</summary>
    public DockerfileListReader(NpgsqlDataSource dataSource, IOptions<LayerOptions> layerOptions, IOptions<RunbotOptions> runbotOptions)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(layerOptions);
        ArgumentNullException.ThrowIfNull(runbotOptions);

        _dataSource = dataSource;
        _layerOptions = layerOptions.Value;
        _runbotOptions = runbotOptions.Value;
    }

    /// <summary>Reads every Dockerfile, the code-server source layer's id and the paths between them in one snapshot.</summary>
    public async Task<DockerfileList> ReadAsync(CancellationToken cancellationToken = default)
    {
        var user = RunbotUserSource.Resolve(_layerOptions);
        var (module, name) = RunbotReader.SplitXmlId(_runbotOptions.CodeServerLayerXmlId);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var graph = await DockerfileGraphReader.ReadGraphAsync(connection, transaction, cancellationToken);
        var sourceId = await LayerXmlIds.FindLayerIdAsync(connection, transaction, module, name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var inclusion = sourceId is int id && graph.FindLayer(id) is not null
            ? graph.ToLayerGraph().FindInclusions(id)
            : LayerInclusion.None;
        var entries = DockerfileGraphReader.List(graph, user)
            .Select(summary => new DockerfileListEntry(summary, inclusion.PathsByDockerfile.GetValueOrDefault(summary.Id)))
            .ToList();
        return new DockerfileList(sourceId, entries, inclusion.Cycles);
    }
}
