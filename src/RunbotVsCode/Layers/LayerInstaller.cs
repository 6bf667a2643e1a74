using System.Data;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Layers;

/// <summary>
/// Writes the code-server layer into runbot's database: the source layer (<c>layer install</c>) and the reference
/// layers that attach it to Dockerfiles (<c>layer attach</c> and <c>layer detach</c>). Each command runs in one
/// transaction, writes only rows it created, and records each of them under an external id in
/// <c>ir_model_data</c>: the source layer under <c>Runbot:CodeServerLayerXmlId</c>, and the layer attached to
/// Dockerfile N under the same module with the name suffixed <c>_ref_N</c>.
/// </summary>
public sealed partial class LayerInstaller
{
    /// <summary>The name of the layer that attaches code-server to a Dockerfile.</summary>
    public const string ReferenceLayerName = "code-server (runbot-vscode)";

    private const string LayerTable = "runbot_docker_layer";
    private const string XmlIdTable = "ir_model_data";

    // Serializes the layer commands of every runbot-vscode process on this database. PostgreSQL releases it at commit or rollback.
    private const long AdvisoryLockKey = 0x72766_5636f6465;

    private const string LockSql = "SELECT pg_advisory_xact_lock(@Key)";

    private const string OwnedLayerSql = """
        SELECT d.id AS XmlIdRowId, d.model AS Model, d.res_id AS ResId, l.id AS LayerId,
               l.dockerfile_id AS DockerfileId, l.layer_type AS LayerType, l.content AS Content,
               l.reference_docker_layer_id AS ReferenceLayerId,
               COALESCE(l."values" = CAST(@Values AS jsonb), false) AS ValuesMatch
          FROM ir_model_data d
          LEFT JOIN runbot_docker_layer l ON l.id = d.res_id AND d.model = 'runbot.docker_layer'
         WHERE d.module = @Module AND d.name = @Name
        """;

    private const string ReferencingLayersSql = """
        SELECT id FROM runbot_docker_layer WHERE reference_docker_layer_id = @Id AND id <> @Id ORDER BY id
        """;

    private const string UserExistsSql = "SELECT EXISTS (SELECT 1 FROM res_users WHERE id = @Id)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly CodeServerLayerRenderer _renderer;
    private readonly LayerOptions _layerOptions;
    private readonly string _xmlId;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<LayerInstaller> _logger;

    /// <summary>Creates the installer over runbot's database.</summary>
    public LayerInstaller(
        NpgsqlDataSource dataSource,
        CodeServerLayerRenderer renderer,
        IOptions<LayerOptions> layerOptions,
        IOptions<RunbotOptions> runbotOptions,
        TimeProvider timeProvider,
        ILogger<LayerInstaller> logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(layerOptions);
        ArgumentNullException.ThrowIfNull(runbotOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _dataSource = dataSource;
        _renderer = renderer;
        _layerOptions = layerOptions.Value;
        _xmlId = runbotOptions.Value.CodeServerLayerXmlId;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private (string Module, string Name) SourceXmlId => RunbotReader.SplitXmlId(_xmlId);

    /// <summary>
    /// Creates the source layer and its external id, or updates the layer's type, content and values when they
    /// differ from what the settings render. A dry run plans the same changes and writes nothing.
    /// </summary>
    public Task<LayerChangeResult> InstallAsync(bool dryRun, CancellationToken cancellationToken = default) =>
        RunAsync("install", dryRun, PlanInstallAsync, cancellationToken);

    /// <summary>
    /// Adds a <c>reference_layer</c> row to the named Dockerfile, placed before runbot's switch to the final user
    /// (see <see cref="AttachSequence"/>), with <c>CODE_SERVER_VERSION</c> in its values when
    /// <paramref name="version"/> is given. Writes nothing when the Dockerfile already renders the layer, and only
    /// updates the values of a row it attached before. Throws <see cref="CodeServerLayerNotInstalledException"/>
    /// before <see cref="InstallAsync"/>, and <see cref="DockerfileNotFoundException"/> for an unknown name.
    /// </summary>
    public Task<LayerChangeResult> AttachAsync(string dockerfileName, string? version, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfileName);
        if (version is not null && !LayerOptionsValidator.IsValidVersion(version))
        {
            throw new ArgumentException($"The code-server version '{version}' is invalid; expected a release number such as 4.104.0.", nameof(version));
        }

        return RunAsync("attach", dryRun, (session, token) => PlanAttachAsync(session, dockerfileName, version, token), cancellationToken);
    }

    /// <summary>
    /// Deletes the row that <see cref="AttachAsync"/> added to the named Dockerfile, and its external id. Writes
    /// nothing when there is none; a path to the layer through rows it did not create is reported and kept.
    /// </summary>
    public Task<LayerChangeResult> DetachAsync(string dockerfileName, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfileName);
        return RunAsync("detach", dryRun, (session, token) => PlanDetachAsync(session, dockerfileName, token), cancellationToken);
    }

    private async Task<LayerChangeResult> RunAsync(
        string commandName,
        bool dryRun,
        Func<Session, CancellationToken, Task<Plan>> planAsync,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Key = AdvisoryLockKey }, transaction, cancellationToken: cancellationToken));

        var session = new Session(connection, transaction, Now());
        var plan = await planAsync(session, cancellationToken);
        if (plan.Changes.Count > 0)
        {
            await CheckWriteUserAsync(session, cancellationToken);
        }

        if (dryRun || plan.Changes.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            Log.Planned(_logger, commandName, plan.Changes.Count, dryRun);
            var message = plan.Changes.Count == 0 ? plan.Message : $"Dry run, nothing written: {plan.Changes.Count} row changes planned.";
            return new LayerChangeResult(plan.Changes, false, message);
        }

        await RowChangeWriter.ExecuteAsync(connection, transaction, plan.Changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.Applied(_logger, commandName, plan.Changes.Count, _layerOptions.WriteUid);
        return new LayerChangeResult(plan.Changes, true, plan.Message);
    }

    private async Task<Plan> PlanInstallAsync(Session session, CancellationToken cancellationToken)
    {
        var layer = _renderer.Render(_layerOptions);
        var (module, name) = SourceXmlId;
        var owned = await session.FindOwnedAsync(module, name, layer.Values, cancellationToken);

        if (owned is null)
        {
            return new Plan(
                [InsertSourceLayer(session, layer), InsertXmlId(session, module, name)],
                $"Installed the code-server layer as external id {_xmlId}.");
        }

        CheckModel(owned, _xmlId);
        if (owned.LayerId is not int layerId)
        {
            return new Plan(
                [InsertSourceLayer(session, layer), UpdateXmlIdTarget(session, owned.XmlIdRowId)],
                $"Installed the code-server layer again: external id {_xmlId} named layer {owned.ResId}, which no longer exists.");
        }

        if (owned.LayerType == DockerLayerTypes.Template && owned.Content == layer.Content && owned.ValuesMatch)
        {
            return new Plan([], $"The code-server layer (layer {layerId}, external id {_xmlId}) is already up to date; nothing written.");
        }

        var update = RowChange.Update(
            LayerTable,
            layerId,
            Column("layer_type", DockerLayerTypes.Template),
            Column("content", layer.Content),
            Column("values", new JsonbText(layer.Values)),
            Column("write_uid", _layerOptions.WriteUid),
            Column("write_date", session.Now));
        return new Plan([update], $"Updated the code-server layer (layer {layerId}, external id {_xmlId}).");
    }

    private async Task<Plan> PlanAttachAsync(Session session, string dockerfileName, string? version, CancellationToken cancellationToken)
    {
        var (module, name) = SourceXmlId;
        var graph = await DockerfileGraphReader.ReadGraphAsync(session.Connection, session.Transaction, cancellationToken);
        var dockerfile = FindRenderableDockerfile(graph, dockerfileName);
        var sourceId = await FindSourceLayerIdAsync(session, cancellationToken)
            ?? throw new CodeServerLayerNotInstalledException(_xmlId, $"external id {_xmlId} is not in ir_model_data");
        if (graph.FindLayer(sourceId) is null)
        {
            throw new CodeServerLayerNotInstalledException(_xmlId, $"external id {_xmlId} names layer {sourceId}, which does not exist");
        }

        var values = ReferenceValues(version);
        var referenceName = LayerXmlIds.ReferenceName(name, dockerfile.Id);
        var owned = await session.FindOwnedAsync(module, referenceName, values, cancellationToken);
        if (owned is not null && owned.LayerId is not null)
        {
            return PlanAttachAgain(session, owned, dockerfile, sourceId, values, version);
        }

        if (owned is null && graph.ToLayerGraph().FindInclusions(sourceId).PathsByDockerfile.TryGetValue(dockerfile.Id, out var path))
        {
            return PlanAlreadyIncluded(dockerfile, path, version);
        }

        var createUserTemplateId = await LayerXmlIds.FindLayerIdAsync(
            session.Connection, session.Transaction, LayerXmlIds.RunbotModule, LayerXmlIds.CreateUserTemplateName, cancellationToken);
        var renderer = new DockerfileRenderer(graph, RunbotUserSource.Resolve(_layerOptions));
        var sequence = AttachSequence.Choose(graph, renderer, dockerfile.Id, createUserTemplateId);
        if (owned is not null)
        {
            // The attached row was deleted in runbot. Its external id is ours, so it is pointed at a new row.
            CheckModel(owned, $"{module}.{referenceName}");
            return new Plan(
                [InsertReferenceLayer(session, dockerfile.Id, sequence, sourceId, values), UpdateXmlIdTarget(session, owned.XmlIdRowId)],
                $"Attached the code-server layer to Dockerfile {Describe(dockerfile)} again at sequence {sequence}: its earlier layer {owned.ResId} no longer exists.");
        }

        return new Plan(
            [InsertReferenceLayer(session, dockerfile.Id, sequence, sourceId, values), InsertXmlId(session, module, referenceName)],
            $"Attached the code-server layer to Dockerfile {Describe(dockerfile)} at sequence {sequence}{VersionSuffix(version)}.");
    }

    private Plan PlanAttachAgain(Session session, OwnedLayerRow owned, DockerfileRow dockerfile, int sourceId, string values, string? version)
    {
        var referenceXmlId = $"{SourceXmlId.Module}.{LayerXmlIds.ReferenceName(SourceXmlId.Name, dockerfile.Id)}";
        CheckModel(owned, referenceXmlId);
        var layerId = owned.LayerId!.Value;
        CheckOwnedReference(owned, referenceXmlId, dockerfile, sourceId);
        if (owned.ValuesMatch)
        {
            return new Plan([], $"Dockerfile {Describe(dockerfile)} is already attached (layer {layerId}){VersionSuffix(version)}; nothing written.");
        }

        var update = RowChange.Update(
            LayerTable,
            layerId,
            Column("values", new JsonbText(values)),
            Column("write_uid", _layerOptions.WriteUid),
            Column("write_date", session.Now));
        return new Plan([update], $"Changed the code-server version of Dockerfile {Describe(dockerfile)} (layer {layerId}) to {version ?? "the layer's default"}.");
    }

    private static Plan PlanAlreadyIncluded(DockerfileRow dockerfile, IReadOnlyList<string> path, string? version)
    {
        var through = string.Join(" -> ", path);
        if (version is not null)
        {
            throw new LayerChangeException(
                $"Dockerfile {Describe(dockerfile)} already includes the code-server layer through {through}, so --version cannot apply to it; "
                + "attach without --version, or set the version on the layer that references it.");
        }

        return new Plan([], $"Dockerfile {Describe(dockerfile)} already includes the code-server layer through {through}; nothing written.");
    }

    private async Task<Plan> PlanDetachAsync(Session session, string dockerfileName, CancellationToken cancellationToken)
    {
        var (module, name) = SourceXmlId;
        var graph = await DockerfileGraphReader.ReadGraphAsync(session.Connection, session.Transaction, cancellationToken);
        var dockerfile = graph.FindDockerfileByName(dockerfileName);
        var referenceName = LayerXmlIds.ReferenceName(name, dockerfile.Id);
        var referenceXmlId = $"{module}.{referenceName}";
        var sourceId = await FindSourceLayerIdAsync(session, cancellationToken);

        var owned = await session.FindOwnedAsync(module, referenceName, null, cancellationToken);
        if (owned is null)
        {
            return new Plan([], NotAttachedMessage(graph, dockerfile, sourceId));
        }

        CheckModel(owned, referenceXmlId);
        if (owned.LayerId is not int layerId)
        {
            return new Plan(
                [RowChange.Delete(XmlIdTable, owned.XmlIdRowId)],
                $"Removed external id {referenceXmlId}: its layer {owned.ResId} was already deleted, so Dockerfile {Describe(dockerfile)} was not attached.");
        }

        CheckOwnedReference(owned, referenceXmlId, dockerfile, sourceId);
        var referencing = (await session.Connection.QueryAsync<int>(new CommandDefinition(
            ReferencingLayersSql, new { Id = layerId }, session.Transaction, cancellationToken: cancellationToken))).AsList();
        if (referencing.Count > 0)
        {
            throw new LayerChangeException(
                $"Layer {layerId}, which attaches code-server to Dockerfile {Describe(dockerfile)}, is referenced by layers {string.Join(", ", referencing)}; "
                + "deleting it would change them. Remove those references in runbot first.");
        }

        return new Plan(
            [RowChange.Delete(LayerTable, layerId), RowChange.Delete(XmlIdTable, owned.XmlIdRowId)],
            $"Detached the code-server layer from Dockerfile {Describe(dockerfile)} (deleted layer {layerId}).");
    }

    private static string NotAttachedMessage(DockerfileGraph graph, DockerfileRow dockerfile, int? sourceId)
    {
        var path = sourceId is int id && graph.FindLayer(id) is not null
            ? graph.ToLayerGraph().FindInclusions(id).PathsByDockerfile.GetValueOrDefault(dockerfile.Id)
            : null;
        return path is null
            ? $"Dockerfile {Describe(dockerfile)} is not attached; nothing to detach."
            : $"Dockerfile {Describe(dockerfile)} was not attached by runbot-vscode, so nothing was detached; it includes the code-server layer through {string.Join(" -> ", path)}, which only runbot can change.";
    }

    private static DockerfileRow FindRenderableDockerfile(DockerfileGraph graph, string dockerfileName)
    {
        var dockerfile = graph.FindDockerfileByName(dockerfileName);
        var missing = graph.FindMissingReferences(dockerfile.Id);
        if (missing.Count > 0)
        {
            throw new DockerfileGraphException(
                $"Dockerfile {Describe(dockerfile)} cannot render, so nothing was attached: {string.Join(" ", missing)} Fix the reference in runbot first.");
        }

        return dockerfile;
    }

    private async Task<int?> FindSourceLayerIdAsync(Session session, CancellationToken cancellationToken)
    {
        var (module, name) = SourceXmlId;
        return await LayerXmlIds.FindLayerIdAsync(session.Connection, session.Transaction, module, name, cancellationToken);
    }

    // A row the commands created but that was since edited in runbot is left for a person to sort out.
    private static void CheckOwnedReference(OwnedLayerRow owned, string xmlId, DockerfileRow dockerfile, int? sourceId)
    {
        var intact = owned.DockerfileId == dockerfile.Id
            && owned.LayerType == DockerLayerTypes.ReferenceLayer
            && (owned.ReferenceLayerId == sourceId || owned.ReferenceLayerId is null);
        if (!intact)
        {
            throw new LayerChangeException(
                $"Layer {owned.LayerId} (external id {xmlId}) was changed in runbot: it is now a {owned.LayerType} layer of Dockerfile "
                + $"{owned.DockerfileId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} referencing layer "
                + $"{owned.ReferenceLayerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. Delete it in runbot, then run the command again.");
        }
    }

    private static void CheckModel(OwnedLayerRow owned, string xmlId)
    {
        if (owned.Model != LayerXmlIds.LayerModel)
        {
            throw new LayerChangeException(
                $"External id {xmlId} names a {owned.Model} record, not a {LayerXmlIds.LayerModel}; set Runbot:CodeServerLayerXmlId to an unused external id.");
        }
    }

    private async Task CheckWriteUserAsync(Session session, CancellationToken cancellationToken)
    {
        var exists = await session.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            UserExistsSql, new { Id = _layerOptions.WriteUid }, session.Transaction, cancellationToken: cancellationToken));
        if (!exists)
        {
            throw new LayerChangeException(
                $"{LayerOptions.SectionName}:WriteUid is {_layerOptions.WriteUid}, which is not a res_users id; set it to an existing user, such as 1.");
        }
    }

    private RowChange InsertSourceLayer(Session session, CodeServerLayer layer) => RowChange.Insert(
        LayerTable,
        [
            Column("name", layer.Name),
            Column("sequence", 0),
            Column("dockerfile_id", null),
            Column("layer_type", DockerLayerTypes.Template),
            Column("content", layer.Content),
            Column("values", new JsonbText(layer.Values)),
            .. CreateStamp(session),
        ]);

    private RowChange InsertReferenceLayer(Session session, int dockerfileId, int sequence, int sourceId, string values) => RowChange.Insert(
        LayerTable,
        [
            Column("name", ReferenceLayerName),
            Column("sequence", sequence),
            Column("dockerfile_id", dockerfileId),
            Column("layer_type", DockerLayerTypes.ReferenceLayer),
            Column("reference_docker_layer_id", sourceId),
            Column("values", new JsonbText(values)),
            .. CreateStamp(session),
        ]);

    private RowChange InsertXmlId(Session session, string module, string name) => RowChange.Insert(
        XmlIdTable,
        [
            Column("name", name),
            Column("module", module),
            Column("model", LayerXmlIds.LayerModel),
            Column("res_id", new InsertedRowId(LayerTable)),
            Column("noupdate", true),
            .. CreateStamp(session),
        ]);

    private RowChange UpdateXmlIdTarget(Session session, int xmlIdRowId) => RowChange.Update(
        XmlIdTable,
        xmlIdRowId,
        Column("res_id", new InsertedRowId(LayerTable)),
        Column("write_uid", _layerOptions.WriteUid),
        Column("write_date", session.Now));

    private KeyValuePair<string, object?>[] CreateStamp(Session session) =>
    [
        Column("create_uid", _layerOptions.WriteUid),
        Column("create_date", session.Now),
        Column("write_uid", _layerOptions.WriteUid),
        Column("write_date", session.Now),
    ];

    // Odoo stamps every row of a transaction with one UTC time, which PostgreSQL stores to the microsecond.
    private DateTime Now()
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    private static string ReferenceValues(string? version) =>
        version is null ? "{}" : new JsonObject { [CodeServerLayerRenderer.VersionKey] = version }.ToJsonString();

    private static string VersionSuffix(string? version) => version is null ? "" : $" with code-server {version}";

    private static string Describe(DockerfileRow dockerfile) => $"'{dockerfile.Name}' (id {dockerfile.Id})";

    private static KeyValuePair<string, object?> Column(string name, object? value) => KeyValuePair.Create(name, value);

    private sealed record Plan(IReadOnlyList<RowChange> Changes, string Message);

    private sealed record Session(NpgsqlConnection Connection, NpgsqlTransaction Transaction, DateTime Now)
    {
        public async Task<OwnedLayerRow?> FindOwnedAsync(string module, string name, string? values, CancellationToken cancellationToken)
        {
            var command = new CommandDefinition(
                OwnedLayerSql, new { Module = module, Name = name, Values = values }, Transaction, cancellationToken: cancellationToken);
            return await Connection.QuerySingleOrDefaultAsync<OwnedLayerRow>(command);
        }
    }
}
