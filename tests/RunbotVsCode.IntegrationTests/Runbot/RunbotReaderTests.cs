using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Runbot.Tests;

[TestFixture]
public sealed class RunbotReaderTests
{
    private const string Host = "runbot-host-1.example.com";
    private const string LayerXmlId = RunbotOptions.DefaultCodeServerLayerXmlId;

    private RunbotDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await RunbotDatabase.CreateAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task ReadAsync_DemoData_ReturnsOnlyRunningBuildsOfHost()
    {
        var snapshot = await Reader().ReadAsync(Host, LayerXmlId);

        Assert.That(snapshot.Builds.Select(build => build.Id), Is.EqualTo(new long[] { 101, 102, 104, 105, 106 }));
    }

    [Test]
    public async Task ReadAsync_DemoData_FollowsEveryLayerPath()
    {
        var snapshot = await Reader().ReadAsync(Host, LayerXmlId);
        var attachable = snapshot.Builds.ToDictionary(build => build.Id, build => build.HasCodeServerLayer);

        Assert.That(attachable[101], Is.True, "direct reference_layer");
        Assert.That(attachable[104], Is.False, "Dockerfile without the layer");
        Assert.That(attachable[105], Is.True, "variant of a Dockerfile with the layer");
        Assert.That(attachable[106], Is.True, "reference_file to a Dockerfile with the layer");
    }

    [Test]
    public async Task ReadAsync_DemoData_ReturnsBuildColumns()
    {
        var snapshot = await Reader().ReadAsync(Host, LayerXmlId);
        var build = snapshot.Builds.Single(candidate => candidate.Id == 101);

        Assert.That(build.Dest, Is.EqualTo("00101-17-0"));
        Assert.That(build.Host, Is.EqualTo(Host));
        Assert.That(build.Port, Is.EqualTo(2000));
        Assert.That(build.StepName, Is.EqualTo("run"));
        Assert.That(build.ContainerName, Is.EqualTo("00101-17-0_run"));
        Assert.That(build.VersionName, Is.EqualTo("17.0"));
        Assert.That(build.DockerfileName, Is.EqualTo("DockerDefault"));
        Assert.That(build.ImageTag, Is.EqualTo("odoo:DockerDefault"));
    }

    [Test]
    public async Task ReadAsync_OtherHost_ReturnsItsBuildsOnly()
    {
        var snapshot = await Reader().ReadAsync("runbot-host-2.example.com", LayerXmlId);

        Assert.That(snapshot.Builds.Select(build => build.Id), Is.EqualTo(new long[] { 107 }));
    }

    [Test]
    public async Task ReadAsync_ReadsRoutingParameters()
    {
        await _database.ExecuteAsync("INSERT INTO ir_config_parameter (key, value) VALUES ('runbot_attach_vscode.url_suffix', 'code')");

        var snapshot = await Reader().ReadAsync(Host, LayerXmlId);

        Assert.That(snapshot.Parameters["runbot_attach_vscode.url_suffix"], Is.EqualTo("code"));
        Assert.That(snapshot.Parameters["web.base.url"], Is.EqualTo("https://runbot.example.com"));
    }

    [Test]
    public async Task ReadAsync_LayerNotInstalled_NoBuildAttachableAndWarns()
    {
        await _database.ExecuteAsync("DELETE FROM ir_model_data WHERE module = 'runbot_attach_vscode'");
        var logs = new CapturingLoggerProvider();

        var snapshot = await Reader(logs).ReadAsync(Host, LayerXmlId);

        Assert.That(snapshot.Builds.Where(build => build.HasCodeServerLayer), Is.Empty);
        Assert.That(logs.WithEvent(EventIds.LayerNotInstalled), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ReadAsync_ReferenceCycle_TerminatesAndReportsOnce()
    {
        await _database.ExecuteAsync("""
            INSERT INTO runbot_dockerfile (id, name, active, image_tag) VALUES (20, 'LoopA', true, 'odoo:LoopA'), (21, 'LoopB', true, 'odoo:LoopB');
            INSERT INTO runbot_docker_layer (id, name, sequence, dockerfile_id, layer_type, reference_dockerfile_id) VALUES
                (60, 'to B', 0, 20, 'reference_file', 21),
                (61, 'to A', 0, 21, 'reference_file', 20);
            INSERT INTO runbot_build_params (id, project_id, dockerfile_id, config_id, fingerprint) VALUES (20, 1, 20, 1, 'loop');
            INSERT INTO runbot_build (id, params_id, local_state, host, port, dest, active_step)
                VALUES (120, 20, 'running', 'runbot-host-1.example.com', 2030, '00120-17-0', 3);
            """);
        var logs = new CapturingLoggerProvider();
        var reader = Reader(logs);

        var first = await reader.ReadAsync(Host, LayerXmlId);
        var second = await reader.ReadAsync(Host, LayerXmlId);

        Assert.That(first.Builds.Single(build => build.Id == 120).HasCodeServerLayer, Is.False);
        Assert.That(second.Inclusion.Cycles, Has.Count.EqualTo(1));
        Assert.That(logs.WithEvent(EventIds.ReferenceCycle), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ReadAsync_LongReferenceFileChain_FindsLayer()
    {
        // Dockerfiles 100..299 each render the next one; the last renders DockerDefault, which has the layer.
        await _database.ExecuteAsync("""
            INSERT INTO runbot_dockerfile (id, name, active, image_tag)
                SELECT n, 'Chain' || n, true, 'odoo:Chain' || n FROM generate_series(100, 299) AS n;
            INSERT INTO runbot_docker_layer (id, name, sequence, dockerfile_id, layer_type, reference_dockerfile_id)
                SELECT 1000 + n, 'next', 0, n, 'reference_file', CASE WHEN n = 299 THEN 1 ELSE n + 1 END FROM generate_series(100, 299) AS n;
            INSERT INTO runbot_build_params (id, project_id, dockerfile_id, config_id, fingerprint) VALUES (21, 1, 100, 1, 'chain');
            INSERT INTO runbot_build (id, params_id, local_state, host, port, dest, active_step)
                VALUES (121, 21, 'running', 'runbot-host-1.example.com', 2033, '00121-17-0', 3);
            """);

        var snapshot = await Reader().ReadAsync(Host, LayerXmlId);

        Assert.That(snapshot.Builds.Single(build => build.Id == 121).HasCodeServerLayer, Is.True);
        Assert.That(snapshot.Inclusion.PathsByDockerfile[100], Has.Count.EqualTo(200 * 2 + 3));
    }

    private RunbotReader Reader(CapturingLoggerProvider? logs = null) =>
        new(_dataSource, logs is null ? NullLogger<RunbotReader>.Instance : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<RunbotReader>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));
}
