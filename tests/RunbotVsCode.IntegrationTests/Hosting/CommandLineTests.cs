using System.Diagnostics;
using System.Net;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Hosting.Tests;

/// <summary>The <c>runbot-vscode</c> binary run as a process against PostgreSQL and nginx.</summary>
[TestFixture]
public sealed class CommandLineTests
{
    private TestInstallation _installation = null!;
    private Dictionary<string, string?> _settings = null!;

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        _settings = _installation.Settings(FreePort.Next());
        _settings["Docker:Endpoint"] = $"unix://{_installation.BuildRoot.Combine("no-docker.sock")}";
    }

    [TearDown]
    public async Task TearDown()
    {
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task Regen_Twice_AppliesThenUnchanged()
    {
        var first = await RegenAsync();
        var second = await RegenAsync();

        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(first.Error, Does.Contain("regen: applied (4 builds routed, 1 skipped)"));
        Assert.That(second.ExitCode, Is.Zero, second.Error);
        Assert.That(second.Error, Does.Contain("regen: unchanged"));
        Assert.That(_installation.Nginx.ReloadCount(), Is.Zero, "the first pass starts nginx, the second leaves it alone");
    }

    [Test]
    public async Task Regen_DryRun_PrintsConfigAndWritesNothing()
    {
        var result = await RegenAsync("--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("server_name 00101-17-0-vscode.runbot-host-1.example.com;"));
        Assert.That(File.Exists(_installation.Nginx.ConfigPath), Is.False);
        Assert.That(_installation.Nginx.MasterPid(), Is.Null);
    }

    [Test]
    public async Task Regen_Diff_ShowsAddedBuild()
    {
        await RegenAsync();
        await _installation.Database.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");

        var result = await RegenAsync("--dry-run", "--diff");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output, Does.Contain("-    server_name 00102-17-0-vscode.runbot-host-1.example.com;"));
        Assert.That(result.Output, Does.Not.Contain("+    server_name"));
    }

    [Test]
    public async Task Regen_InvalidSettings_ExitTwoNamingEachKey()
    {
        _settings["Nginx:Listen"] = "80; evil";
        _settings["Upstream:BuildRoot"] = "relative/path";

        var result = await RegenAsync();

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("Nginx:Listen is invalid: got '80; evil'"));
        Assert.That(result.Error, Does.Contain("Upstream:BuildRoot is invalid: got 'relative/path'"));
    }

    [TestCase("regen", "Regen:Interval", "abc", "Expected a duration written hh:mm:ss")]
    [TestCase("serve", "Regen:Interval", "abc", "Expected a duration written hh:mm:ss")]
    [TestCase("serve", "Nginx:AuthKeepalive", "lots", "Expected a whole number")]
    [TestCase("serve", "Upstream:Mode", "Tunnel", "Expected one of Socket, HostPort, ContainerIp")]
    [TestCase("doctor", "CodeServer:LazyStart", "maybe", "Expected true or false")]
    public async Task Command_UnconvertibleSetting_ExitTwoWithExpectedForm(string command, string key, string value, string expected)
    {
        _settings[key] = value;

        var result = await CliProcess.RunAsync([command, .. Settings()]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain($"'{value}' at '{key}'"));
        Assert.That(result.Error, Does.Contain(expected));
        Assert.That(result.Error, Does.Not.Contain("Unhandled exception").And.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Serve_BrokenTemplate_ExitTwoWithoutStackTrace()
    {
        var template = _installation.BuildRoot.Combine("broken.scriban");
        await File.WriteAllLinesAsync(template, ["{{ for route in routes }}", "server_name {{ route.server_name"]);
        _settings["Nginx:TemplatePath"] = template;

        var result = await CliProcess.RunAsync(["serve", .. Settings()]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.StartWith("Settings are invalid:"));
        Assert.That(result.Error, Does.Contain($"{template}(2,"));
        Assert.That(result.Error, Does.Not.Contain("Hosting failed to start").And.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Regen_NginxRejects_ExitThreeWithNginxMessage()
    {
        await RegenAsync();
        var before = await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath);
        var broken = _installation.BuildRoot.Combine("broken.scriban");
        await File.WriteAllTextAsync(broken, "server { listen 127.0.0.1:1; unknown_directive_here; }\n");
        _settings["Nginx:TemplatePath"] = broken;

        var result = await RegenAsync();

        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Error, Does.Contain("regen: rejected:").And.Contain("unknown_directive_here"));
        Assert.That(await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath), Is.EqualTo(before));
    }

    [Test]
    public async Task TokenIssueVerify_RoundTrip()
    {
        var issued = await CliProcess.RunAsync([.. new[] { "token", "issue", "--build", "101", "--user", "2" }, .. Settings()]);
        var token = issued.Output.Trim();

        var valid = await CliProcess.RunAsync([.. new[] { "token", "verify", token, "--build", "101" }, .. Settings()]);
        var otherBuild = await CliProcess.RunAsync([.. new[] { "token", "verify", token, "--build", "102" }, .. Settings()]);

        Assert.That(issued.ExitCode, Is.Zero, issued.Error);
        Assert.That(valid.ExitCode, Is.Zero);
        Assert.That(valid.Output, Does.StartWith("Valid:"));
        Assert.That(otherBuild.ExitCode, Is.EqualTo(3));
        Assert.That(otherBuild.Output, Does.StartWith("WrongBuild:"));
        Assert.That(valid.Error + otherBuild.Error, Does.Not.Contain(token), "the token is never logged");
    }

    [Test]
    public async Task Serve_BuildStartsAndStops_RoutedWithinOneInterval()
    {
        var port = FreePort.Next();
        _settings["Http:Urls"] = $"http://127.0.0.1:{port}";
        _settings["Regen:Interval"] = "00:00:01";

        // No Docker engine answers at this endpoint, so readiness would fail on it; this test is about routing.
        _settings["CodeServer:LazyStart"] = "false";
        using var serve = Process.Start(CliProcess.StartInfo(["serve", .. Settings()]))!;
        try
        {
            await WaitUntilAsync(() => Task.FromResult(File.Exists(_installation.Nginx.ConfigPath) && File.ReadAllText(_installation.Nginx.ConfigPath).Contains("00101-17-0", StringComparison.Ordinal)));
            using var client = new HttpClient();
            Assert.That((await client.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            await _installation.Database.ExecuteAsync("""
                INSERT INTO runbot_build (id, params_id, local_state, host, port, dest, active_step)
                VALUES (150, 1, 'running', 'runbot-host-1.example.com', 2150, '00150-17-0', 3)
                """);
            var started = await WaitUntilAsync(() => Task.FromResult(File.ReadAllText(_installation.Nginx.ConfigPath).Contains("00150-17-0-vscode", StringComparison.Ordinal)));

            await _installation.Database.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 150");
            var stopped = await WaitUntilAsync(() => Task.FromResult(!File.ReadAllText(_installation.Nginx.ConfigPath).Contains("00150-17-0-vscode", StringComparison.Ordinal)));

            Assert.That(started, Is.True, "a build that starts running is routed by the next pass");
            Assert.That(stopped, Is.True, "a build that stops running is removed by the next pass");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private Task<(int ExitCode, string Output, string Error)> RegenAsync(params string[] options) =>
        CliProcess.RunAsync([.. new[] { "regen" }, .. options, .. Settings()]);

    private string[] Settings() => CliProcess.SettingsArguments(_settings);

    /// <summary>Polls until <paramref name="condition"/> holds, for at most 30 s: several intervals of 1 s plus process start.</summary>
    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
