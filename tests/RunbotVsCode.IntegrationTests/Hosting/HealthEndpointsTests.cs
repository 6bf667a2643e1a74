using System.Net;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Hosting.Tests;

/// <summary><c>/readyz</c> and <c>/metrics</c> of the real endpoints, against PostgreSQL and nginx.</summary>
[TestFixture]
public sealed class HealthEndpointsTests
{
    private TestInstallation _installation = null!;
    private ServiceHost _service = null!;

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        var port = FreePort.Next();
        var settings = _installation.Settings(port);
        settings["CodeServer:LazyStart"] = "false";
        _service = await ServiceHost.StartAsync(port, settings);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _service.DisposeAsync();
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task Readyz_AfterAppliedPass_Ready()
    {
        await _service.Pass.RunAsync();

        var (status, body) = await GetTextAsync("/readyz");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("ok database").And.Contain("ok pass").And.Contain("ok nginx"));
    }

    [Test]
    public async Task Readyz_BeforeFirstPass_NotReady()
    {
        var (status, body) = await GetTextAsync("/readyz");

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body, Does.Contain("failed pass: no pass has finished yet"));
    }

    [Test]
    public async Task Readyz_DatabaseGone_NotReady()
    {
        await _service.Pass.RunAsync();

        // Dropping the database is idempotent, so the tear-down drops it again without failing.
        await _installation.Database.DisposeAsync();

        var (status, body) = await GetTextAsync("/readyz");

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body, Does.Contain("failed database"));
    }

    [Test]
    public async Task ReadyzAndMetrics_RejectedApply_ShowFailure()
    {
        await _service.Pass.RunAsync();
        var rejectedBefore = PassCount((await GetTextAsync("/metrics")).Body, "Rejected");
        await File.WriteAllTextAsync(_installation.Nginx.MainConfigPath, (await File.ReadAllTextAsync(_installation.Nginx.MainConfigPath)).Replace("events {", "broken_directive on;\nevents {", StringComparison.Ordinal));
        await _installation.Database.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");

        var pass = await _service.Pass.RunAsync();
        var (status, body) = await GetTextAsync("/readyz");
        var (_, metrics) = await GetTextAsync("/metrics");

        Assert.That(pass.Outcome, Is.EqualTo(Generation.PassOutcome.Rejected));
        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body, Does.Contain("failed pass: last pass Rejected"));
        Assert.That(PassCount(metrics, "Rejected"), Is.EqualTo(rejectedBefore + 1));
    }

    [Test]
    public async Task Metrics_AfterPass_PublishesRoutesSkipsAndHash()
    {
        await _service.Pass.RunAsync();

        var (status, metrics) = await GetTextAsync("/metrics");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(metrics, Does.Match("runbotvscode_builds_routed[_a-z]* 4"));
        Assert.That(metrics, Does.Match("runbotvscode_builds_skipped[_a-z]*\\{[^}]*reason=\"NotAttachable\"[^}]*\\} 1"));
        Assert.That(metrics, Does.Match("runbotvscode_config_applied[_a-z]*\\{[^}]*hash=\"[0-9a-f]{64}\"[^}]*\\} 1"));
        Assert.That(metrics, Does.Contain("runbotvscode_pass_duration_count"));
    }

    /// <summary>Reads the passes counter for one outcome; the registry is shared by every service in the test process, so tests compare counts.</summary>
    private static double PassCount(string metrics, string outcome)
    {
        var match = System.Text.RegularExpressions.Regex.Match(metrics, $"runbotvscode_passes[_a-z]*\\{{[^}}]*outcome=\"{outcome}\"[^}}]*\\}} ([0-9.]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string path)
    {
        using var response = await _service.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
