using System.Net;
using RunbotVsCode.Infrastructure;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation.Tests;

/// <summary>Passes against a real PostgreSQL and a real nginx, with stand-in upstreams on the builds' sockets.</summary>
[TestFixture]
public sealed class RegenPassNginxTests
{
    private const string Build101 = "00101-17-0-vscode.runbot-host-1.example.com";
    private const string Build102 = "00102-17-0-vscode.runbot-host-1.example.com";

    private TestInstallation _installation = null!;
    private StubServer _auth = null!;
    private readonly List<StubServer> _editors = [];
    private int _authPort;

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        _authPort = FreePort.Next();
        _auth = await StubServer.OnPortAsync("auth", _authPort, 204);
        _editors.Add(await StubServer.ForBuildAsync(_installation.BuildRoot.Path, "00101-17-0"));
        _editors.Add(await StubServer.ForBuildAsync(_installation.BuildRoot.Path, "00102-17-0"));
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var editor in _editors)
        {
            await editor.DisposeAsync();
        }

        _editors.Clear();
        await _auth.DisposeAsync();
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task RunAsync_DemoData_RoutesEachBuildToItsOwnEditor()
    {
        await using var service = CreateService();

        var result = await service.Pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied), result.Message);
        Assert.That(result.Routes!.Routes.Select(route => route.BuildId), Is.EqualTo(new long[] { 101, 102, 105, 106 }));
        Assert.That(await BodyAsync(Build101), Does.StartWith("upstream 00101-17-0 /"));
        Assert.That(await BodyAsync(Build102), Does.StartWith("upstream 00102-17-0 /"));
    }

    [Test]
    public async Task RunAsync_UnattachableOrUnknownName_NotRouted()
    {
        await using var service = CreateService();
        await service.Pass.RunAsync();

        var unattachable = await _installation.Nginx.GetTextAsync("00104-17-0-vscode.runbot-host-1.example.com");
        var otherHost = await _installation.Nginx.GetTextAsync("00107-17-0-vscode.runbot-host-1.example.com");

        Assert.That(unattachable, Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        Assert.That(otherHost, Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
    }

    [Test]
    public async Task RunAsync_NoChange_WritesNothingAndDoesNotReload()
    {
        await using var service = CreateService();
        await service.Pass.RunAsync();
        var written = File.GetLastWriteTimeUtc(_installation.Nginx.ConfigPath);
        var reloads = _installation.Nginx.ReloadCount();
        var master = _installation.Nginx.MasterPid();

        var second = await service.Pass.RunAsync();

        Assert.That(second.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        Assert.That(File.GetLastWriteTimeUtc(_installation.Nginx.ConfigPath), Is.EqualTo(written));
        Assert.That(_installation.Nginx.ReloadCount(), Is.EqualTo(reloads));
        Assert.That(_installation.Nginx.MasterPid(), Is.EqualTo(master));
    }

    [Test]
    public async Task RunAsync_BuildStopsRunning_RouteGoneAfterNextPass()
    {
        await using var service = CreateService();
        await service.Pass.RunAsync();

        await _installation.Database.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var result = await service.Pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(await _installation.Nginx.GetTextAsync(Build102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        Assert.That(await BodyAsync(Build101), Does.StartWith("upstream 00101-17-0"));
    }

    [Test]
    public async Task RunAsync_CandidateRejected_PreviousFileAndConfigKeepServing()
    {
        await using (var good = CreateService())
        {
            await good.Pass.RunAsync();
        }

        var before = await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath);
        var master = _installation.Nginx.MasterPid();
        var broken = Path.Combine(_installation.BuildRoot.Path, "broken.scriban");
        var template = await File.ReadAllTextAsync(Path.Combine(TestServices.RepositoryRoot, "templates", "nginx", "vscode.conf.scriban"));
        await File.WriteAllTextAsync(broken, template + "\nnot_an_nginx_directive on;\n");
        await _installation.Database.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        await using var service = CreateService(new() { ["Nginx:TemplatePath"] = broken });

        var first = await service.Pass.RunAsync();
        var retry = await service.Pass.RunAsync();

        Assert.That(first.Outcome, Is.EqualTo(PassOutcome.Rejected));
        Assert.That(first.ExitCode, Is.EqualTo(3));
        Assert.That(first.Message, Does.Contain("not_an_nginx_directive"));
        Assert.That(retry.Outcome, Is.EqualTo(PassOutcome.Rejected), "a rejected candidate is retried, not taken as applied");
        Assert.That(await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(_installation.Nginx.IncludeFolder, "*.tmp*", SearchOption.AllDirectories), Is.Empty);
        Assert.That(_installation.Nginx.MasterPid(), Is.EqualTo(master));
        Assert.That(await BodyAsync(Build102), Does.StartWith("upstream 00102-17-0"), "nginx still serves the previous config");
    }

    [Test]
    public async Task RunAsync_HostileRows_SkippedWithReasonAndOthersServed()
    {
        await _installation.Database.ExecuteAsync("""
            INSERT INTO runbot_build (id, params_id, local_state, host, port, dest, active_step) VALUES
                (130, 1, 'running', 'runbot-host-1.example.com', 2100, '00130-x;return 200 pwned', 3),
                (131, 1, 'running', 'runbot-host-1.example.com', 2103, E'00131-17-0\n', 3),
                (132, 1, 'running', 'runbot-host-1.example.com', 2106, '00132-UPPER', 3),
                (133, 1, 'running', 'runbot-host-1.example.com', -1, '00133-17-0', 3),
                (134, 1, 'running', 'runbot-host-1.example.com', 2112, NULL, 3),
                (135, 1, 'running', 'runbot-host-1.example.com', 2115, '00101-17-0', 3),
                (136, 1, 'running', 'runbot-host-1.example.com', 2118, '00136-17-0}', 3),
                (137, 1, 'running', 'runbot-host-1.example.com', 2121, repeat('a', 64), 3);
            """);
        await using var service = CreateService();

        var result = await service.Pass.RunAsync();
        var skipped = result.Routes!.Skipped.ToDictionary(build => build.BuildId, build => build.Reason);
        var content = await File.ReadAllTextAsync(_installation.Nginx.ConfigPath);

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied), result.Message);
        Assert.That(skipped[130], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(skipped[131], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(skipped[132], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(skipped[133], Is.EqualTo(SkipReason.InvalidPort));
        Assert.That(skipped[134], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(skipped[135], Is.EqualTo(SkipReason.DuplicateDest));
        Assert.That(skipped[101], Is.EqualTo(SkipReason.DuplicateDest));
        Assert.That(skipped[136], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(skipped[137], Is.EqualTo(SkipReason.InvalidDest));
        Assert.That(content, Does.Not.Contain("pwned"));
        Assert.That(await BodyAsync(Build102), Does.StartWith("upstream 00102-17-0"));
        var logged = service.Logs.WithEvent(EventIds.BuildSkipped).Select(entry => entry.State["BuildId"]).ToList();
        Assert.That(logged, Is.SupersetOf(new object[] { 130L, 131L, 132L, 133L, 134L, 135L, 136L, 137L }));
    }

    [Test]
    public async Task RunAsync_DatabaseUnreachable_FailsAndKeepsConfig()
    {
        await using (var good = CreateService())
        {
            await good.Pass.RunAsync();
        }

        var before = await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath);
        await using var service = CreateService(new()
        {
            ["Runbot:ConnectionString"] = $"Host={TestServices.PostgresHost};Username=postgres;Database=rvs_missing;Pooling=false",
        });

        var result = await service.Pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Failed));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("database"));
        Assert.That(await File.ReadAllBytesAsync(_installation.Nginx.ConfigPath), Is.EqualTo(before));
        Assert.That(await BodyAsync(Build101), Does.StartWith("upstream 00101-17-0"));
    }

    [Test]
    public async Task RunAsync_HostPortMode_ProxiesToPortPlusTwo()
    {
        var port = FreePort.Next();
        await _installation.Database.ExecuteAsync($"UPDATE runbot_build SET port = {port - 2} WHERE id = 101");
        await using var editor = await StubServer.OnPortAsync("hostport-101", port);
        await using var service = CreateService(new() { ["Upstream:Mode"] = "HostPort" });

        var result = await service.Pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied), result.Message);
        Assert.That(await BodyAsync(Build101), Does.StartWith("upstream hostport-101"));
    }

    private ServiceUnderTest CreateService(Dictionary<string, string?>? overrides = null)
    {
        var settings = _installation.Settings(_authPort);
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return ServiceUnderTest.Create(settings);
    }

    private async Task<string> BodyAsync(string host)
    {
        var (status, body) = await _installation.Nginx.GetTextAsync(host);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{host}: {body}");
        return body;
    }
}
