using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Hosting.Tests;

/// <summary><c>doctor</c> on a healthy installation, then with each part broken on purpose.</summary>
[TestFixture]
public sealed class DoctorTests
{
    private TestInstallation _installation = null!;
    private Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        _settings = _installation.Settings(FreePort.Next());
        _settings["CodeServer:LazyStart"] = "false";
        await using var service = ServiceUnderTest.Create(_settings);
        var pass = await service.Pass.RunAsync();
        Assert.That(pass.Succeeded, Is.True, pass.Message);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task Run_HealthyInstallation_AllPass()
    {
        var checks = await RunAsync();

        Assert.That(checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}"), Is.Empty);
        Assert.That(checks.Single(check => check.Name == "code-server layer").Detail, Does.Contain("DockerDefault"));
    }

    [Test]
    public async Task Run_DatabaseUnreachable_Fails()
    {
        _settings["Runbot:ConnectionString"] = $"Host={TestServices.PostgresHost};Username=postgres;Database=rvs_missing";

        var check = (await RunAsync()).Single(check => check.Name == "database");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("Runbot:ConnectionString"));
    }

    [Test]
    public async Task Run_ColumnMissing_NamesTableColumnAndVersion()
    {
        await _installation.Database.ExecuteAsync("ALTER TABLE runbot_docker_layer DROP COLUMN reference_dockerfile_id");

        var check = (await RunAsync()).Single(check => check.Name == "runbot schema");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Detail, Does.Contain("runbot_docker_layer.reference_dockerfile_id (runbot 17.0)"));
    }

    [Test]
    public async Task Run_SecretMissing_Fails()
    {
        await _installation.Database.ExecuteAsync("DELETE FROM ir_config_parameter WHERE key = 'database.secret'");

        var check = (await RunAsync()).Single(check => check.Name == "database.secret");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Is.Not.Empty);
    }

    [Test]
    public async Task Run_LayerNotInstalled_SaysWhichCommand()
    {
        await _installation.Database.ExecuteAsync("DELETE FROM ir_model_data WHERE module = 'runbot_attach_vscode'");

        var check = (await RunAsync()).Single(check => check.Name == "code-server layer");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("runbot-vscode layer install"));
    }

    [Test]
    public async Task Run_NginxBinaryMissing_Fails()
    {
        _settings["Nginx:Binary"] = "/nonexistent/nginx";

        var check = (await RunAsync()).Single(check => check.Name == "nginx");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("Nginx:Binary"));
    }

    [Test]
    public async Task Run_MainConfigWithoutInclude_Fails()
    {
        var main = await File.ReadAllTextAsync(_installation.Nginx.MainConfigPath);
        await File.WriteAllTextAsync(_installation.Nginx.MainConfigPath, main.Replace($"include {_installation.Nginx.IncludeFolder}/*.conf;", "", StringComparison.Ordinal));

        var check = (await RunAsync()).Single(check => check.Name == "nginx include");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain($"include {_installation.Nginx.IncludeFolder}/*.conf;"));
    }

    [Test]
    public async Task Run_NginxStopped_MasterCheckFails()
    {
        // Stops the master and removes its prefix with the pid file; disposing again in the tear-down does nothing.
        _installation.Nginx.Dispose();

        var check = (await RunAsync()).Single(check => check.Name == "nginx master");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("Nginx:PidFile"));
    }

    [Test]
    public async Task Run_DockerUnreachable_Fails()
    {
        _settings["CodeServer:LazyStart"] = "true";
        _settings["Docker:Endpoint"] = $"unix://{_installation.BuildRoot.Combine("no-docker.sock")}";

        var check = (await RunAsync()).Single(check => check.Name == "docker");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("Docker:Endpoint"));
    }

    [Test]
    public async Task Run_BuildRootMissing_Fails()
    {
        _settings["Upstream:BuildRoot"] = _installation.BuildRoot.Combine("missing");

        var check = (await RunAsync()).Single(check => check.Name == "build root");

        Assert.That(check.Passed, Is.False);
        Assert.That(check.Fix, Does.Contain("Upstream:BuildRoot"));
    }

    [Test]
    public async Task DoctorCommand_FailedCheck_ExitsOneWithFix()
    {
        _settings["Upstream:BuildRoot"] = _installation.BuildRoot.Combine("missing");

        var result = await CliProcess.RunAsync(["doctor", .. CliProcess.SettingsArguments(_settings)]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.Error);
        Assert.That(result.Output, Does.Contain("FAIL build root").And.Contain("fix: Set Upstream:BuildRoot"));
        Assert.That(result.Output, Does.Contain("ok   database"));
    }

    [Test]
    public async Task DoctorCommand_InvalidSettings_ExitsTwoNamingKey()
    {
        _settings["Regen:Interval"] = "-00:00:01";

        var result = await CliProcess.RunAsync(["doctor", .. CliProcess.SettingsArguments(_settings)]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Output, Does.Contain("FAIL settings"));
        Assert.That(result.Error, Does.Contain("Regen:Interval is invalid: got '-00:00:01'"));
    }

    private async Task<IReadOnlyList<DoctorCheck>> RunAsync()
    {
        await using var service = ServiceUnderTest.Create(_settings);
        return await service.Get<Doctor>().RunAsync();
    }
}
