using System.Diagnostics;
using System.Net;
using RunbotVsCode.Generation;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Faults.Tests;

/// <summary>
/// Faults injected into the real services while the service runs its timed passes: each test checks that nginx keeps
/// serving the last good config, that nothing half-written is left, that the failure shows in the log, in
/// <c>/readyz</c> and in <c>/metrics</c>, and that the service recovers by itself once the fault clears.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ServiceFaultTests
{
    private static readonly TimeSpan FaultLimit = FaultHarness.Interval + TimeSpan.FromSeconds(5);

    private FaultHarness _harness = null!;
    private RunbotDatabase? _database;
    private readonly List<IAsyncDisposable> _cleanup = [];

    [SetUp]
    public async Task SetUp() => _harness = await FaultHarness.CreateAsync();

    [TearDown]
    public async Task TearDown()
    {
        // Stop the service first, then undo the faults in reverse order, so no pass runs against a half-restored machine.
        if (_harness.Service is not null)
        {
            await _harness.Service.DisposeAsync();
        }

        for (var index = _cleanup.Count - 1; index >= 0; index--)
        {
            await _cleanup[index].DisposeAsync();
        }

        _cleanup.Clear();
        await _harness.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Baseline_BuildStops_AppliedWithinLimit()
    {
        await StartOnSharedDatabaseAsync();

        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var (applied, waited) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Applied, FaultHarness.RecoveryLimit, "Applied");
        TestContext.Out.WriteLine($"Baseline: a database change was applied {waited.TotalMilliseconds:0} ms after it was committed.");

        Assert.That(applied.Routes!.Routes.Select(route => route.BuildId), Does.Not.Contain(102L));
        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        _harness.AssertNoLeftovers();
    }

    [Test]
    public async Task Database_Stopped_KeepsConfigAndRecovers()
    {
        var cluster = await ThrowawayCluster.StartAsync();
        _cleanup.Add(cluster);
        await _harness.StartServiceAsync(cluster.ConnectionString);
        var failedBefore = await _harness.PassCountAsync(PassOutcome.Failed);
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);

        await cluster.StopServerAsync();
        var (failed, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Failed, FaultLimit, "Failed");
        await _harness.WaitForReadyGaugeAsync("database", 0, FaultLimit);
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(failed.Message, Does.Contain("database"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor101, "00101-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.PassFailed), Is.Not.Empty);
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.ReadinessCheckFailed).Select(entry => entry.Message), Has.Some.StartWith("Readiness check database failed"));
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed database").And.Contain("failed pass: last pass Failed"));
        Assert.That(await _harness.PassCountAsync(PassOutcome.Failed), Is.GreaterThan(failedBefore));

        await cluster.StartServerAsync();
        var (recovered, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the database came back");
        TestContext.Out.WriteLine($"Recovered {recovered.Outcome} {waited.TotalMilliseconds:0} ms after the database started.");

        Assert.That(recovered.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        await _harness.WaitForReadyGaugeAsync("database", 1, FaultHarness.RecoveryLimit);
        await _harness.WaitForReadyGaugeAsync("pass", 1, FaultHarness.RecoveryLimit);
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Database_CrashedMidQuery_FailsAndRecovers()
    {
        var cluster = await ThrowawayCluster.StartAsync();
        _cleanup.Add(cluster);
        await _harness.StartServiceAsync(cluster.ConnectionString);
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);

        // The lock holds the next pass inside its query, so the crash lands while the pass reads runbot_build. A crash
        // rather than a fast stop, because a fast stop ends the lock holder too, and the waiting query may then finish.
        await _harness.WaitForPassAsync(_ => true, FaultLimit, "any outcome");
        var blocker = await cluster.LockTableAsync("runbot_build");
        await cluster.WaitForLockWaitAsync(FaultLimit);
        var inFlight = _harness.Service.Pass.LastResult;
        await cluster.StopServerAsync(crash: true);
        await blocker.DisposeAsync();
        var failed = await _harness.WaitForResultAfterAsync(inFlight, FaultLimit);

        Assert.That(failed.Outcome, Is.EqualTo(PassOutcome.Failed), failed.Message);
        Assert.That(failed.Message, Does.Contain("database"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor101, "00101-17-0");

        await cluster.StartServerAsync();
        var (recovered, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the database came back");
        TestContext.Out.WriteLine($"Recovered {recovered.Outcome} {waited.TotalMilliseconds:0} ms after the database that crashed in the middle of a query was started again.");

        Assert.That(recovered.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Nginx_Killed_RestartedOnLastGoodConfig()
    {
        await StartOnSharedDatabaseAsync();
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var startedBefore = _harness.Service.Logs.WithEvent(EventIds.NginxStarted).Count;
        var killedMaster = _harness.Nginx.MasterPid()!.Value;

        // Right after a pass ends, so /readyz can be read before the next pass starts nginx again.
        await _harness.WaitForPassAsync(_ => true, FaultLimit, "any outcome");
        await KillNginxAsync(killedMaster);
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();
        var refused = await RequestFailsAsync(FaultHarness.Editor101);

        Assert.That(refused, Is.True, "nginx answered after it was killed");
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed nginx"));

        // The next pass starts nginx within an interval, usually before the monitor looks, so only /readyz has recorded the 0.
        Assert.That(await _harness.ReadyGaugeAsync("nginx"), Is.Zero.Or.EqualTo(1));

        var (restarted, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "nginx started again");
        TestContext.Out.WriteLine($"nginx started again by a pass {waited.TotalMilliseconds:0} ms after it was killed.");

        Assert.That(restarted.Outcome, Is.EqualTo(PassOutcome.Applied), "a pass that starts nginx counts as applied");
        await _harness.WaitForReadyGaugeAsync("nginx", 1, FaultHarness.RecoveryLimit);
        Assert.That(_harness.Nginx.MasterPid(), Is.Not.Null.And.Not.EqualTo(killedMaster));
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.NginxStarted), Has.Count.EqualTo(startedBefore + 1));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor101, "00101-17-0");
        await _harness.AssertRoutedAsync(FaultHarness.Editor102, "00102-17-0");
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Nginx_BinaryAbsent_FailsUntilRestored()
    {
        var binary = _harness.BuildRoot.Combine("nginx-copy");
        File.Copy(TestServices.NginxBinary, binary);
        await StartOnSharedDatabaseAsync(new() { ["Nginx:Binary"] = binary });
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var failedBefore = await _harness.PassCountAsync(PassOutcome.Failed);

        // As when the package is removed or upgraded under a running nginx: the master keeps serving, the binary is gone.
        File.Delete(binary);
        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var (failed, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Failed, FaultLimit, "Failed");
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(failed.Message, Does.Contain(binary).And.Contain("Nginx:Binary"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor102, "00102-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.PassFailed), Is.Not.Empty);
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed pass: last pass Failed"));
        Assert.That(await _harness.PassCountAsync(PassOutcome.Failed), Is.GreaterThan(failedBefore));

        File.Copy(TestServices.NginxBinary, binary);
        var (applied, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the binary came back");
        TestContext.Out.WriteLine($"Applied {waited.TotalMilliseconds:0} ms after the nginx binary came back.");

        Assert.That(applied.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        _harness.AssertNoLeftovers();
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task MainConfig_Broken_RejectedUntilFixed()
    {
        await StartOnSharedDatabaseAsync();
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var rejectedBefore = await _harness.PassCountAsync(PassOutcome.Rejected);
        var mainConfig = await File.ReadAllTextAsync(_harness.Nginx.MainConfigPath);

        await File.WriteAllTextAsync(_harness.Nginx.MainConfigPath, mainConfig.Replace("events {", "broken_by_someone_else on;\nevents {", StringComparison.Ordinal));
        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var (rejected, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Rejected, FaultLimit, "Rejected");
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(rejected.Message, Does.Contain("broken_by_someone_else"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor102, "00102-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.ConfigRejected), Is.Not.Empty);
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed pass: last pass Rejected"));
        Assert.That(await _harness.PassCountAsync(PassOutcome.Rejected), Is.GreaterThan(rejectedBefore));
        await _harness.WaitForReadyGaugeAsync("pass", 0, FaultLimit);

        await File.WriteAllTextAsync(_harness.Nginx.MainConfigPath, mainConfig);
        var (applied, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the main config was fixed");
        TestContext.Out.WriteLine($"Applied {waited.TotalMilliseconds:0} ms after the main config was fixed.");

        Assert.That(applied.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        await _harness.AssertRoutedAsync(FaultHarness.Editor101, "00101-17-0");
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task MainConfig_BrokenWhileUnchanged_Reported()
    {
        await StartOnSharedDatabaseAsync(new() { ["Nginx:RecheckInterval"] = "00:00:01" });
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var mainConfig = await File.ReadAllTextAsync(_harness.Nginx.MainConfigPath);
        var master = _harness.Nginx.MasterPid();

        await File.WriteAllTextAsync(_harness.Nginx.MainConfigPath, mainConfig.Replace("events {", "broken_by_someone_else on;\nevents {", StringComparison.Ordinal));
        var (rejected, waited) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Rejected, FaultLimit + FaultHarness.Interval, "Rejected by the recheck");
        TestContext.Out.WriteLine($"The broken main config was reported {waited.TotalMilliseconds:0} ms after it was written, with no database change.");
        await _harness.WaitForReadyGaugeAsync("pass", 0, FaultLimit);
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(rejected.Message, Does.Contain("unchanged").And.Contain("broken_by_someone_else"));
        Assert.That(rejected.ExitCode, Is.EqualTo(3));
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.RecheckFailed), Is.Not.Empty);
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed pass: last pass Rejected").And.Contain("broken_by_someone_else"));
        Assert.That(_harness.Nginx.MasterPid(), Is.EqualTo(master), "nginx was neither reloaded nor restarted");
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor102, "00102-17-0");

        await File.WriteAllTextAsync(_harness.Nginx.MainConfigPath, mainConfig);
        var (recovered, recoveredAfter) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the main config was fixed");
        TestContext.Out.WriteLine($"{recovered.Outcome} {recoveredAfter.TotalMilliseconds:0} ms after the main config was fixed.");

        Assert.That(recovered.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        await _harness.WaitForReadyGaugeAsync("pass", 1, FaultHarness.RecoveryLimit);
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task IncludeFolder_ReadOnly_FailsUntilWritable()
    {
        var mount = await TmpfsMount.MountAsync(_harness.Nginx.IncludeFolder, 1024);
        _cleanup.Add(mount);
        await StartOnSharedDatabaseAsync();
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var failedBefore = await _harness.PassCountAsync(PassOutcome.Failed);

        await mount.RemountAsync(readOnly: true);
        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var (failed, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Failed, FaultLimit, "Failed");
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(failed.Message, Does.Contain("Read-only file system"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor102, "00102-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.PassFailed), Is.Not.Empty);
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed pass: last pass Failed"));
        Assert.That(await _harness.PassCountAsync(PassOutcome.Failed), Is.GreaterThan(failedBefore));

        await mount.RemountAsync(readOnly: false);
        var (applied, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after the folder became writable");
        TestContext.Out.WriteLine($"Applied {waited.TotalMilliseconds:0} ms after the folder became writable.");

        Assert.That(applied.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        _harness.AssertNoLeftovers();
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task IncludeFolder_DiskFull_FailsUntilFreed()
    {
        var mount = await TmpfsMount.MountAsync(_harness.Nginx.IncludeFolder, 64);
        _cleanup.Add(mount);
        await StartOnSharedDatabaseAsync();
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);
        var failedBefore = await _harness.PassCountAsync(PassOutcome.Failed);

        // Change the database first and fill the disk right after a pass, so the next pass is the one that meets it.
        await _harness.WaitForPassAsync(_ => true, FaultLimit, "any outcome");
        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var filled = mount.Fill();
        var (failed, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Failed, FaultLimit, "Failed");
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(filled, Is.GreaterThan(0));
        Assert.That(failed.Message, Does.Contain("No space left on device"));
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor102, "00102-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.PassFailed), Is.Not.Empty);
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed pass: last pass Failed"));
        Assert.That(await _harness.PassCountAsync(PassOutcome.Failed), Is.GreaterThan(failedBefore));

        mount.Empty();
        var (applied, waited) = await _harness.WaitForPassAsync(result => result.Succeeded, FaultHarness.RecoveryLimit, "success after space was freed");
        TestContext.Out.WriteLine($"Applied {waited.TotalMilliseconds:0} ms after space was freed.");

        Assert.That(applied.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        _harness.AssertNoLeftovers();
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Template_BrokenWhileServing_IgnoredUntilRestart()
    {
        var template = _harness.BuildRoot.Combine("vscode.conf.scriban");
        File.Copy(Path.Combine(TestServices.RepositoryRoot, "templates", "nginx", "vscode.conf.scriban"), template);
        await StartOnSharedDatabaseAsync(new() { ["Nginx:TemplatePath"] = template });
        var failedBefore = await _harness.PassCountAsync(PassOutcome.Failed);

        var lines = await File.ReadAllLinesAsync(template);
        await File.WriteAllLinesAsync(template, [.. lines, "{{ for route in routes }}", "server_name {{ route.server_name"]);
        await _database!.ExecuteAsync("UPDATE runbot_build SET local_state = 'done' WHERE id = 102");
        var (applied, _) = await _harness.WaitForPassAsync(result => result.Outcome == PassOutcome.Applied, FaultLimit, "Applied from the template parsed at start");

        Assert.That(await _harness.Nginx.GetTextAsync(FaultHarness.Editor102), Is.EqualTo((HttpStatusCode.NotFound, "no route\n")));
        await _harness.AssertRoutedAsync(FaultHarness.Editor101, "00101-17-0");
        Assert.That(await _harness.PassCountAsync(PassOutcome.Failed), Is.EqualTo(failedBefore));
        Assert.That((await _harness.ReadyzAsync()).Status, Is.EqualTo(HttpStatusCode.OK));

        var settings = new[]
        {
            $"--Runbot:ConnectionString={_database.ConnectionString}",
            $"--Nginx:ConfigPath={_harness.Nginx.ConfigPath}",
            $"--Nginx:MainConfigPath={_harness.Nginx.MainConfigPath}",
            $"--Nginx:Prefix={_harness.Nginx.Prefix}",
            $"--Nginx:PidFile={_harness.Nginx.PidFile}",
            $"--Nginx:TemplatePath={template}",
            $"--Http:Urls=http://127.0.0.1:{FreePort.Next()}",
        };
        var restart = await CliProcess.RunAsync(["serve", .. settings]);
        TestContext.Out.WriteLine($"Start-up error with the edited template (exit {restart.ExitCode}): {restart.Error.Split('\n').FirstOrDefault(line => line.Contains(template, StringComparison.Ordinal))?.Trim()}");

        Assert.That(restart.ExitCode, Is.Not.Zero);
        Assert.That(restart.Error, Does.Contain(template).And.Contain($"({lines.Length + 2},"), "the error names the file and the line");
        await _harness.AssertRoutedAsync(FaultHarness.Editor101, "00101-17-0");
        Assert.That(applied.Content, Is.EqualTo(await File.ReadAllTextAsync(_harness.Nginx.ConfigPath)));
    }

    [Test]
    public async Task Docker_Stopped_RoutesFromDatabase()
    {
        var sharedBridge = Directory.Exists("/sys/class/net/docker0");
        var engine = new SecondDockerEngine();
        _cleanup.Add(engine);
        await engine.StartAsync();
        Assert.That(Directory.Exists("/sys/class/net/docker0"), Is.EqualTo(sharedBridge), "the second engine left the shared engine's docker0 bridge alone");
        await StartOnSharedDatabaseAsync(new() { ["Docker:Endpoint"] = engine.Endpoint, ["CodeServer:LazyStart"] = "true" });
        Assert.That((await _harness.ReadyzAsync()).Body, Does.Contain("ok docker"));
        var config = await File.ReadAllBytesAsync(_harness.Nginx.ConfigPath);

        await engine.StopAsync();
        var (withoutDocker, _) = await _harness.WaitForPassAsync(_ => true, FaultLimit, "any outcome");
        await _harness.WaitForReadyGaugeAsync("docker", 0, FaultLimit);
        var (readyStatus, readyBody) = await _harness.ReadyzAsync();

        Assert.That(withoutDocker.Outcome, Is.EqualTo(PassOutcome.Unchanged), withoutDocker.Message);
        await _harness.AssertLastGoodConfigServedAsync(config, FaultHarness.Editor101, "00101-17-0");
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.DockerUnavailableForRoutes), Has.Count.EqualTo(1));
        Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(readyBody, Does.Contain("failed docker").And.Contain("ok pass"));
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.ReadinessCheckFailed).Select(entry => entry.Message), Has.One.StartWith("Readiness check docker failed"));

        var watch = Stopwatch.StartNew();
        await engine.StartAsync();
        var (afterStart, _) = await _harness.WaitForPassAsync(_ => true, FaultHarness.RecoveryLimit, "any outcome");
        var ready = await _harness.ReadyzAsync();
        TestContext.Out.WriteLine($"Ready {watch.ElapsedMilliseconds} ms after the engine was started (engine start included).");

        Assert.That(afterStart.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.OK), ready.Body);
        await _harness.WaitForReadyGaugeAsync("docker", 1, FaultHarness.RecoveryLimit);
        Assert.That(_harness.Service.Logs.WithEvent(EventIds.ReadinessCheckPassed).Select(entry => entry.Message), Has.Some.StartWith("Readiness check docker passes again"));
    }

    private async Task StartOnSharedDatabaseAsync(Dictionary<string, string?>? overrides = null)
    {
        _database = await RunbotDatabase.CreateAsync();
        await _harness.StartServiceAsync(_database.ConnectionString, overrides);
    }

    /// <summary>Kills the nginx master and its workers with SIGKILL, by pid, as the kernel's OOM killer or an operator would.</summary>
    private static async Task KillNginxAsync(int masterPid)
    {
        var workers = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Where(name => ParentPid(name!) == masterPid)
            .ToList();
        foreach (var pid in workers.Prepend(masterPid.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await FaultHarness.RunAsync("kill", "-KILL", pid!);
        }

        // The master is not a child of this process, and until its parent reaps it, it stays a zombie with an empty command line.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10) && IsAlive(masterPid))
        {
            await Task.Delay(10);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Length > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int? ParentPid(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<bool> RequestFailsAsync(string host)
    {
        try
        {
            using var response = await _harness.Nginx.GetAsync(host);
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }
}
