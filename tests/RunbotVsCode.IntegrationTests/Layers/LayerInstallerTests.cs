using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using RunbotVsCode.Infrastructure;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Layers.Tests;

/// <summary>Installs, attaches and detaches the code-server layer in a real runbot database loaded with the sample rows.</summary>
public sealed class LayerInstallerTests
{
    private const string HostName = "runbot-host-1.example.com";
    private static readonly DateTime Now = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private RunbotDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _database = await RunbotDatabase.CreateAsync(withDemoData: false);
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _time = new FakeTimeProvider(new DateTimeOffset(Now));
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task InstallAsync_EmptyDatabase_InsertsLayerAndXmlIdWithStamps()
    {
        var result = await CreateInstaller(new LayerOptions { WriteUid = 2 }).InstallAsync(dryRun: false);

        Assert.That(result.Applied, Is.True);
        Assert.That(result.Changes, Has.Count.EqualTo(2));
        await using var connection = await _dataSource.OpenConnectionAsync();
        var layer = await connection.QuerySingleAsync<(int Id, string Name, int Sequence, int? DockerfileId, string LayerType, string Content, string Values, int CreateUid, DateTime CreateDate, int WriteUid, DateTime WriteDate)>(
            """
            SELECT l.id, l.name, l.sequence, l.dockerfile_id, l.layer_type, l.content, l."values"::text, l.create_uid, l.create_date, l.write_uid, l.write_date
              FROM runbot_docker_layer l JOIN ir_model_data d ON d.res_id = l.id
             WHERE d.module = 'runbot_attach_vscode' AND d.name = 'docker_layer_code_server' AND d.model = 'runbot.docker_layer' AND d.noupdate
            """);
        var expected = Renderer().Render(new LayerOptions());
        Assert.That(layer.Name, Is.EqualTo(expected.Name));
        Assert.That(layer.Sequence, Is.Zero);
        Assert.That(layer.DockerfileId, Is.Null);
        Assert.That(layer.LayerType, Is.EqualTo("template"));
        Assert.That(layer.Content, Is.EqualTo(expected.Content));
        Assert.That(layer.Values, Is.EqualTo("{\"CODE_SERVER_VERSION\": \"4.104.0\"}"));
        Assert.That((layer.CreateUid, layer.WriteUid), Is.EqualTo((2, 2)));
        Assert.That((layer.CreateDate, layer.WriteDate), Is.EqualTo((Now, Now)));
        var xmlIdStamps = await connection.QuerySingleAsync<(int, DateTime, int, DateTime)>(
            "SELECT create_uid, create_date, write_uid, write_date FROM ir_model_data WHERE name = 'docker_layer_code_server'");
        Assert.That(xmlIdStamps, Is.EqualTo((2, Now, 2, Now)));
    }

    [Test]
    public async Task InstallAsync_RunTwice_SecondRunWritesNothing()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var afterFirst = await LayerTables.DumpAsync(_database.ConnectionString);

        _time.Advance(TimeSpan.FromHours(1));
        var second = await CreateInstaller().InstallAsync(dryRun: false);

        Assert.That(second.Unchanged, Is.True);
        Assert.That(second.Applied, Is.False);
        Assert.That(second.Message, Does.Contain("already up to date"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(afterFirst));
    }

    [Test]
    public async Task InstallAsync_DryRun_LeavesTablesAndSequenceAlone()
    {
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var result = await CreateInstaller().InstallAsync(dryRun: true);

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Changes.Select(change => (change.Kind, change.Table)), Is.EqualTo(new[]
        {
            (RowChangeKind.Insert, "runbot_docker_layer"),
            (RowChangeKind.Insert, "ir_model_data"),
        }));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));

        await CreateInstaller().InstallAsync(dryRun: false);
        Assert.That(await SourceLayerIdAsync(), Is.EqualTo(12), "the dry run consumed an id of runbot_docker_layer_id_seq");
    }

    [Test]
    public async Task InstallAsync_SettingsChanged_UpdatesOnlyContentAndValues()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        _time.Advance(TimeSpan.FromDays(1));
        var result = await CreateInstaller(new LayerOptions { Version = "4.105.1", WriteUid = 2 }).InstallAsync(dryRun: false);

        var layerId = await SourceLayerIdAsync();
        Assert.That(result.Changes, Has.Count.EqualTo(1));
        Assert.That(result.Changes[0].Kind, Is.EqualTo(RowChangeKind.Update));
        var after = await LayerTables.DumpAsync(_database.ConnectionString);
        Assert.That(after.Where(row => row.Key != $"runbot_docker_layer {layerId}"), Is.EquivalentTo(before.Where(row => row.Key != $"runbot_docker_layer {layerId}")));
        await using var connection = await _dataSource.OpenConnectionAsync();
        var stamps = await connection.QuerySingleAsync<(string Values, int CreateUid, DateTime CreateDate, int WriteUid, DateTime WriteDate)>(
            "SELECT \"values\"::text, create_uid, create_date, write_uid, write_date FROM runbot_docker_layer WHERE id = @Id", new { Id = layerId });
        Assert.That(stamps, Is.EqualTo(("{\"CODE_SERVER_VERSION\": \"4.105.1\"}", 1, Now, 2, Now.AddDays(1))));
    }

    [Test]
    public void AttachAsync_NotInstalled_ThrowsNamingInstallCommand()
    {
        var exception = Assert.ThrowsAsync<CodeServerLayerNotInstalledException>(() => CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false));

        Assert.That(exception!.Message, Does.Contain("run 'runbot-vscode layer install' first"));
    }

    [Test]
    public async Task AttachAsync_UnknownDockerfile_ThrowsWithClosestNames()
    {
        await CreateInstaller().InstallAsync(dryRun: false);

        var exception = Assert.ThrowsAsync<DockerfileNotFoundException>(() => CreateInstaller().AttachAsync("DockerDefalt", null, dryRun: false));

        Assert.That(exception!.ClosestNames[0], Is.EqualTo("DockerDefault"));
    }

    [Test]
    public async Task AttachAsync_Installed_ReaderReportsDockerfileAndVariant()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var reader = new RunbotReader(_dataSource, NullLogger<RunbotReader>.Instance);
        var before = await reader.ReadAsync(HostName, RunbotOptions.DefaultCodeServerLayerXmlId);

        var result = await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);
        var after = await reader.ReadAsync(HostName, RunbotOptions.DefaultCodeServerLayerXmlId);

        Assert.That(result.Applied, Is.True);
        Assert.That(before.Inclusion.PathsByDockerfile.Keys, Is.Empty);
        Assert.That(after.Inclusion.PathsByDockerfile.Keys, Is.EquivalentTo(new[] { 1, 2 }));
        Assert.That(after.Builds.Select(build => build.HasCodeServerLayer), Is.All.True);
        Assert.That(after.Builds, Is.Not.Empty);
    }

    [Test]
    public async Task AttachAsync_StockDockerfile_PlacesLayerBeforeUserCreation()
    {
        await CreateInstaller().InstallAsync(dryRun: false);

        var result = await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);

        var insert = result.Changes[0];
        Assert.That(insert.Columns, Does.Contain(KeyValuePair.Create<string, object?>("sequence", 1005)));
        var text = (await new DockerfileGraphReader(_dataSource, NullLogger<DockerfileGraphReader>.Instance).RenderByNameAsync("DockerDefault", User)).Text;
        var label = text.IndexOf("LABEL org.runbot-vscode.code-server=\"4.104.0\"", StringComparison.Ordinal);
        Assert.That(label, Is.GreaterThan(0));
        Assert.That(text.IndexOf("# Create user template", StringComparison.Ordinal), Is.GreaterThan(label));
        Assert.That(text, Does.EndWith("# Switch user\nUSER runbot\n"));
    }

    [Test]
    public async Task AttachAsync_RunTwice_SecondRunWritesNothing()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await CreateInstaller().AttachAsync("DockerDefault", "4.90.0", dryRun: false);
        var afterFirst = await LayerTables.DumpAsync(_database.ConnectionString);

        var second = await CreateInstaller().AttachAsync("DockerDefault", "4.90.0", dryRun: false);

        Assert.That(second.Unchanged, Is.True);
        Assert.That(second.Message, Does.Contain("already attached"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(afterFirst));
    }

    [Test]
    public async Task AttachAsync_DryRun_LeavesTablesAlone()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var result = await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: true);

        Assert.That(result.Changes, Has.Count.EqualTo(2));
        Assert.That(result.Applied, Is.False);
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    [Test]
    public async Task AttachAsync_NewRows_LeavesEveryOtherRowAlone()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);

        var after = await LayerTables.DumpAsync(_database.ConnectionString);
        Assert.That(after, Has.Count.EqualTo(before.Count + 2));
        Assert.That(before, Is.SubsetOf(after));
    }

    [Test]
    public async Task AttachAsync_VersionChanged_UpdatesOnlyValues()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await CreateInstaller().AttachAsync("DockerDefault", "4.90.0", dryRun: false);

        var result = await CreateInstaller().AttachAsync("DockerDefault", "4.91.2", dryRun: false);

        Assert.That(result.Changes, Has.Count.EqualTo(1));
        Assert.That(result.Changes[0].Columns.Select(column => column.Key), Is.EqualTo(new[] { "values", "write_uid", "write_date" }));
        var text = (await new DockerfileGraphReader(_dataSource, NullLogger<DockerfileGraphReader>.Instance).RenderByNameAsync("chrome", User)).Text;
        Assert.That(text, Does.Contain("LABEL org.runbot-vscode.code-server=\"4.91.2\""));
    }

    [Test]
    public async Task AttachAsync_VariantOfAttachedDockerfile_WritesNothing()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var result = await CreateInstaller().AttachAsync("chrome", null, dryRun: false);

        Assert.That(result.Unchanged, Is.True);
        Assert.That(result.Message, Does.Contain("already includes the code-server layer through"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    [Test]
    public async Task AttachAsync_LayerReferencesMissingLayer_ThrowsNamingIt()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await _database.ExecuteAsync("""
            ALTER TABLE runbot_docker_layer DROP CONSTRAINT runbot_docker_layer_reference_docker_layer_id_fkey;
            UPDATE runbot_docker_layer SET reference_docker_layer_id = 999 WHERE id = 9;
            """);

        var exception = Assert.ThrowsAsync<DockerfileGraphException>(() => CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false));

        Assert.That(exception!.Message, Does.Contain("layer 999, which does not exist"));
    }

    [Test]
    public async Task AttachAsync_UnknownWriteUid_ThrowsAndWritesNothing()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var exception = Assert.ThrowsAsync<LayerChangeException>(() => CreateInstaller(new LayerOptions { WriteUid = 77 }).AttachAsync("DockerDefault", null, dryRun: false));

        Assert.That(exception!.Message, Does.Contain("Layer:WriteUid is 77"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    [Test]
    public async Task DetachAsync_AfterAttach_RestoresTables()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var installed = await LayerTables.DumpAsync(_database.ConnectionString);
        await CreateInstaller().AttachAsync("DockerDefault", "4.90.0", dryRun: false);

        var result = await CreateInstaller().DetachAsync("DockerDefault", dryRun: false);
        var again = await CreateInstaller().DetachAsync("DockerDefault", dryRun: false);

        Assert.That(result.Changes.Select(change => change.Kind), Is.EqualTo(new[] { RowChangeKind.Delete, RowChangeKind.Delete }));
        Assert.That(again.Unchanged, Is.True);
        Assert.That(again.Message, Does.Contain("is not attached"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(installed));
        var snapshot = await new RunbotReader(_dataSource, NullLogger<RunbotReader>.Instance).ReadAsync(HostName, RunbotOptions.DefaultCodeServerLayerXmlId);
        Assert.That(snapshot.Inclusion.PathsByDockerfile.Keys, Is.Empty);
    }

    [Test]
    public async Task DetachAsync_DryRun_LeavesTablesAlone()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var result = await CreateInstaller().DetachAsync("DockerDefault", dryRun: true);

        Assert.That(result.Changes, Has.Count.EqualTo(2));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    [Test]
    public async Task DetachAsync_ReferenceAddedInRunbot_KeepsIt()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        var sourceId = await SourceLayerIdAsync();
        await _database.ExecuteAsync($"""
            INSERT INTO runbot_docker_layer (name, sequence, dockerfile_id, layer_type, reference_docker_layer_id, "values")
            VALUES ('code-server (runbot-vscode)', 1015, 1, 'reference_layer', {sourceId}, '{"{}"}')
            """);
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var result = await CreateInstaller().DetachAsync("DockerDefault", dryRun: false);

        Assert.That(result.Unchanged, Is.True);
        Assert.That(result.Message, Does.Contain("was not attached by runbot-vscode"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    [Test]
    public async Task DetachAsync_AttachedRowEditedInRunbot_ThrowsAndKeepsIt()
    {
        await CreateInstaller().InstallAsync(dryRun: false);
        await CreateInstaller().AttachAsync("DockerDefault", null, dryRun: false);
        await _database.ExecuteAsync("UPDATE runbot_docker_layer SET dockerfile_id = 2 WHERE name = 'code-server (runbot-vscode)'");
        var before = await LayerTables.DumpAsync(_database.ConnectionString);

        var exception = Assert.ThrowsAsync<LayerChangeException>(() => CreateInstaller().DetachAsync("DockerDefault", dryRun: false));

        Assert.That(exception!.Message, Does.Contain("was changed in runbot"));
        Assert.That(await LayerTables.DumpAsync(_database.ConnectionString), Is.EqualTo(before));
    }

    private static RunbotUser User { get; } = new(1000, 1000, "runbot");

    private static CodeServerLayerRenderer Renderer() =>
        CodeServerLayerRenderer.Load(Path.Combine(TestServices.RepositoryRoot, new LayerOptions().TemplatePath));

    private LayerInstaller CreateInstaller(LayerOptions? options = null)
    {
        options ??= new LayerOptions();
        options.RunbotUid = User.Uid;
        options.RunbotGid = User.Gid;
        options.RunbotUserName = User.Name;
        return new LayerInstaller(
            _dataSource,
            Renderer(),
            Options.Create(options),
            Options.Create(new RunbotOptions { ConnectionString = _database.ConnectionString }),
            _time,
            NullLogger<LayerInstaller>.Instance);
    }

    private async Task<int> SourceLayerIdAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<int>(
            "SELECT res_id FROM ir_model_data WHERE module = 'runbot_attach_vscode' AND name = 'docker_layer_code_server'");
    }
}
