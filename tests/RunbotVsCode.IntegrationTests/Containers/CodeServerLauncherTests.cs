using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers.Tests;

[TestFixture]
[SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed partial class CodeServerLauncherTests
{
    private DockerClient _docker = null!;
    private string _buildRoot = null!;
    private readonly List<TestBuildContainer> _containers = [];
    private readonly List<LauncherHarness> _harnesses = [];

    [OneTimeSetUp]
    public async Task ConnectAsync() => _docker = await DockerTestEnvironment.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _docker?.Dispose();

    [SetUp]
    public void CreateBuildRoot()
    {
        _buildRoot = Path.Combine(Path.GetTempPath(), "runbot-vscode-it", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_buildRoot);
        File.SetUnixFileMode(_buildRoot, (UnixFileMode)0b111_101_101);
    }

    [TearDown]
    public async Task RemoveContainersAsync()
    {
        foreach (var container in _containers)
        {
            await container.RemoveAsync(_docker);
        }

        foreach (var harness in _harnesses)
        {
            harness.Dispose();
        }

        _containers.Clear();
        _harnesses.Clear();
        Directory.Delete(_buildRoot, recursive: true);
    }

    [Test]
    public async Task EnsureStarted_SocketMode_SocketInBuildFolderRespondsFromHost()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket");

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        var expectedSocket = Path.Combine(container.BuildFolder, ".vscode-server", "code-server.sock");
        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Ready), result.Detail);
        Assert.That(result.Upstream!.SocketPath, Is.EqualTo(expectedSocket));
        Assert.That(result.Upstream.NginxAddress, Is.EqualTo($"unix:{expectedSocket}"));
        Assert.That(result.ContainerId, Is.EqualTo(container.Id));
        Assert.That(File.GetUnixFileMode(expectedSocket) & (UnixFileMode)0b111_111_111, Is.EqualTo((UnixFileMode)0b110_110_110));

        using var response = await GetAsync(result.Upstream, "/", cookie: "session_id=abc");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Headers.GetValues("X-Seen-Cookie").Single(), Is.EqualTo("session_id=abc"));
    }

    [Test]
    public async Task EnsureStarted_SocketMode_PassesFlagsAndKeepsStateInBuildFolder()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket");

        await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        var commandLine = await DockerTestEnvironment.ExecAsync(_docker, container.Id, "pgrep", "-a", "-f", "^/usr/bin/python3 /usr/bin/code-server");
        Assert.That(commandLine, Does.Contain("--auth none --disable-telemetry --disable-update-check"));
        Assert.That(commandLine, Does.Contain("--socket /data/build/.vscode-server/code-server.sock --socket-mode 666"));
        Assert.That(commandLine.TrimEnd(), Does.EndWith(" /data/build"));
        var state = Path.Combine(container.BuildFolder, ".vscode-server");
        Assert.That(Directory.Exists(Path.Combine(state, "data")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(state, "extensions")), Is.True);
        Assert.That(File.Exists(Path.Combine(state, "config.yaml")), Is.True);
        var ownedByContainerUser = await DockerTestEnvironment.ExecAsync(
            _docker, container.Id, "pgrep", "-c", "-u", DockerTestEnvironment.ContainerUser, "-f", "^/usr/bin/python3 /usr/bin/code-server");
        Assert.That(ownedByContainerUser.Trim(), Is.EqualTo("1"));
    }

    [Test]
    public async Task EnsureStarted_HostPortMode_RespondsOnPortPlusTwo()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("HostPort");

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Ready), result.Detail);
        Assert.That(result.Upstream!.Mode, Is.EqualTo(UpstreamMode.HostPort));
        Assert.That(result.Upstream.NginxAddress, Is.EqualTo($"127.0.0.1:{container.Port + 2}"));
        using var response = await GetAsync(result.Upstream, "/");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task EnsureStarted_ContainerIpMode_RespondsOnBridgeAddress()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("ContainerIp");
        var inspect = await _docker.Containers.InspectContainerAsync(container.Id);

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Ready), result.Detail);
        Assert.That(result.Upstream!.NginxAddress, Is.EqualTo($"{inspect.NetworkSettings.IPAddress}:8071"));
        using var response = await GetAsync(result.Upstream, "/");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task EnsureStarted_SecondCall_ReusesRunningCodeServer()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var build = container.ToRunningBuild();

        var first = await CreateHarness("Socket").Launcher.EnsureStartedAsync(build, CancellationToken.None);
        var second = await CreateHarness("Socket").Launcher.EnsureStartedAsync(build, CancellationToken.None);

        Assert.That(first.Status, Is.EqualTo(CodeServerStartStatus.Ready), first.Detail);
        Assert.That(second.Status, Is.EqualTo(CodeServerStartStatus.AlreadyRunning), second.Detail);
        Assert.That(second.Upstream, Is.EqualTo(first.Upstream));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.EqualTo(1));
    }

    [Test]
    public async Task EnsureStarted_TwentyConcurrentOpens_StartOneProcess()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var launcher = CreateHarness("Socket").Launcher;
        var build = container.ToRunningBuild();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => launcher.EnsureStartedAsync(build, CancellationToken.None))));

        Assert.That(results.Select(r => r.IsReady), Is.All.True, string.Join("; ", results.Select(r => r.Detail)));
        Assert.That(results.Count(r => r.Status == CodeServerStartStatus.Ready), Is.EqualTo(1));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.EqualTo(1));
    }

    [Test]
    public async Task EnsureStarted_ConcurrentOpensFromTwoServices_StartOneProcess()
    {
        // Two service instances share no in-process lock, so only the lock in the container keeps this to one process.
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var launchers = new[] { CreateHarness("HostPort").Launcher, CreateHarness("HostPort").Launcher };
        var build = container.ToRunningBuild();

        var opens = Enumerable.Range(0, 20).Select(i => Task.Run(() => launchers[i % 2].EnsureStartedAsync(build, CancellationToken.None)));
        var results = await Task.WhenAll(opens);

        // Which instance reports Ready is exact only within one process; see CodeServerReadiness.
        Assert.That(results.Select(r => r.IsReady), Is.All.True, string.Join("; ", results.Select(r => r.Detail)));
        Assert.That(results.Count(r => r.Status == CodeServerStartStatus.Ready), Is.InRange(1, 2));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.EqualTo(1));
    }

    [Test]
    public async Task EnsureStarted_StoppedContainer_ReturnsAsleep()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        await _docker.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = 0 });

        var result = await CreateHarness("Socket").Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Asleep));
        Assert.That(result.ContainerId, Is.EqualTo(container.Id));
        Assert.That(result.Upstream, Is.Null);
    }

    [Test]
    public async Task EnsureStarted_MissingContainer_ReturnsAsleep()
    {
        var build = new Runbot.RunningBuild(4242, "04242-17-0", "runbot.localhost", 2000, "run", "17.0", 1, "DockerDefault", "odoo:DockerDefault", true, null);

        var result = await CreateHarness("Socket").Launcher.EnsureStartedAsync(build, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Asleep));
        Assert.That(result.ContainerId, Is.Null);
        Assert.That(result.Detail, Does.Contain("04242-17-0_run"));
    }

    [Test]
    public async Task EnsureStarted_ImageWithoutLabelNorLayer_ReturnsNotAttachable()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.UnlabelledImage);

        var result = await CreateHarness("Socket").Launcher.EnsureStartedAsync(container.ToRunningBuild(hasCodeServerLayer: false), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.NotAttachable));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.Zero);
    }

    [Test]
    public async Task EnsureStarted_ImageWithoutLabelButLayerInDatabase_Starts()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.UnlabelledImage);
        var harness = CreateHarness("Socket");

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(hasCodeServerLayer: true), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Ready), result.Detail);
        Assert.That(harness.Logs.WithId(4003), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task EnsureStarted_CodeServerExitsAtOnce_ReturnsFailedWithOutput()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.FailingImage);
        var harness = CreateHarness("Socket");

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Failed));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.OutputTail, Has.Some.Contains("EACCES: permission denied"));
        var logged = harness.Logs.WithId(4005).Single();
        Assert.That(logged.Values["BuildId"], Is.EqualTo(container.BuildId));
        Assert.That(logged.Values["ExitCode"], Is.EqualTo(1L));
    }

    [Test]
    public async Task EnsureStarted_UnknownExtraFlag_ReturnsFailedWithCodeServerError()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket", new() { ["CodeServer:ExtraArgs:0"] = "--no-such-flag" });

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Failed));
        Assert.That(result.OutputTail, Has.Some.Contains("Unknown option --no-such-flag"));
    }

    [Test]
    public async Task EnsureStarted_NoResponseBeforeTimeout_ReturnsTimedOutAndStopsProcess()
    {
        var environment = new Dictionary<string, string> { ["RUNBOT_VSCODE_STANDIN_LISTEN_DELAY"] = "60" };
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage, environment);
        var harness = CreateHarness("Socket", new() { ["CodeServer:StartTimeout"] = "00:00:01" });

        var stopwatch = Stopwatch.StartNew();
        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);
        stopwatch.Stop();

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.TimedOut));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(result.OutputTail, Has.Some.Contains("Wrote default config file"));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.Zero);
    }

    [Test]
    public async Task EnsureStarted_LazyStartOff_WaitsWithoutStarting()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket", new() { ["CodeServer:LazyStart"] = "false", ["CodeServer:StartTimeout"] = "00:00:01" });

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.TimedOut));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.Zero);
    }

    [Test]
    public async Task EnsureStarted_LazyStartOffAndRunning_ReturnsAlreadyRunning()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var build = container.ToRunningBuild();
        await CreateHarness("Socket").Launcher.EnsureStartedAsync(build, CancellationToken.None);
        var harness = CreateHarness("Socket", new() { ["CodeServer:LazyStart"] = "false" });

        var result = await harness.Launcher.EnsureStartedAsync(build, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.AlreadyRunning));
    }

    [Test]
    public async Task EnsureStarted_DockerUnreachable_FallsBackToDatabase()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var build = container.ToRunningBuild(hasCodeServerLayer: true);
        var unreachable = new Dictionary<string, string?> { ["Docker:Endpoint"] = "unix:///nonexistent/docker.sock" };
        var launcher = CreateHarness("Socket", unreachable).Launcher;

        var beforeStart = await launcher.EnsureStartedAsync(build, CancellationToken.None);
        var withoutLayer = await launcher.EnsureStartedAsync(build with { HasCodeServerLayer = false }, CancellationToken.None);
        await CreateHarness("Socket").Launcher.EnsureStartedAsync(build, CancellationToken.None);
        var afterStart = await launcher.EnsureStartedAsync(build, CancellationToken.None);

        Assert.That(beforeStart.Status, Is.EqualTo(CodeServerStartStatus.Failed));
        Assert.That(beforeStart.Detail, Does.Contain("Docker engine"));
        Assert.That(withoutLayer.Status, Is.EqualTo(CodeServerStartStatus.NotAttachable));
        Assert.That(afterStart.Status, Is.EqualTo(CodeServerStartStatus.AlreadyRunning));
    }

    [Test]
    public async Task StopIdle_NoRequestForIdleTimeout_StopsAndNextOpenRestarts()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket", new() { ["CodeServer:IdleTimeout"] = "00:01:00" });
        var build = container.ToRunningBuild();
        await harness.Launcher.EnsureStartedAsync(build, CancellationToken.None);

        harness.Time.Offset = TimeSpan.FromSeconds(50);
        harness.Activity.MarkActivity(build.Id);
        harness.Time.Offset = TimeSpan.FromSeconds(100);
        var stoppedAfterActivity = await harness.IdleStopper.StopIdleAsync(CancellationToken.None);
        var runningAfterActivity = await container.CountCodeServersAsync(_docker);
        harness.Time.Offset = TimeSpan.FromSeconds(111);
        var stoppedWhenIdle = await harness.IdleStopper.StopIdleAsync(CancellationToken.None);
        var runningWhenIdle = await container.CountCodeServersAsync(_docker);
        var reopened = await harness.Launcher.EnsureStartedAsync(build, CancellationToken.None);

        Assert.That(stoppedAfterActivity, Is.Zero);
        Assert.That(runningAfterActivity, Is.EqualTo(1));
        Assert.That(stoppedWhenIdle, Is.EqualTo(1));
        Assert.That(runningWhenIdle, Is.Zero);
        Assert.That(harness.Logs.WithId(4100).Single().Values["BuildId"], Is.EqualTo(build.Id));
        Assert.That(reopened.Status, Is.EqualTo(CodeServerStartStatus.Ready), reopened.Detail);
        Assert.That(await container.CountCodeServersAsync(_docker), Is.EqualTo(1));
    }

    [Test]
    public async Task StopIdle_OpenWebSocket_KeepsCodeServerUntilClosed()
    {
        var environment = new Dictionary<string, string> { ["RUNBOT_VSCODE_STANDIN_HEARTBEAT_MS"] = "300" };
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage, environment);
        var harness = CreateHarness("HostPort", new() { ["CodeServer:IdleTimeout"] = "00:01:00" });
        var build = container.ToRunningBuild();
        var started = await harness.Launcher.EnsureStartedAsync(build, CancellationToken.None);
        using var webSocket = new ClientWebSocket();
        await webSocket.ConnectAsync(new Uri($"ws://{started.Upstream!.NginxAddress}/"), CancellationToken.None);

        harness.Time.Offset = TimeSpan.FromMinutes(2);
        var stoppedWhileOpen = await harness.IdleStopper.StopIdleAsync(CancellationToken.None);
        await webSocket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        harness.Time.Offset = TimeSpan.FromMinutes(4);
        var stoppedAfterClose = await harness.IdleStopper.StopIdleAsync(CancellationToken.None);

        Assert.That(stoppedWhileOpen, Is.Zero);
        Assert.That(harness.Logs.WithId(4102), Has.Count.EqualTo(1));
        Assert.That(stoppedAfterClose, Is.EqualTo(1));
        Assert.That(await container.CountCodeServersAsync(_docker), Is.Zero);
    }

    [Test]
    public async Task EnsureStarted_Ready_LogsAndRecordsTimeToReady()
    {
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("HostPort");
        var recorded = new List<(double Seconds, string? Mode)>();
        using var listener = ListenToTimeToReady(recorded);

        var result = await harness.Launcher.EnsureStartedAsync(container.ToRunningBuild(), CancellationToken.None);

        var logged = harness.Logs.WithId(4000).Single();
        Assert.That(logged.Values["BuildId"], Is.EqualTo(container.BuildId));
        Assert.That(logged.Values["ContainerId"], Is.EqualTo(container.Id));
        Assert.That(logged.Values["Upstream"], Is.EqualTo($"127.0.0.1:{container.Port + 2}"));
        Assert.That(logged.Values["TimeToReadyMs"], Is.EqualTo(result.TimeToReady!.Value.TotalMilliseconds));
        Assert.That(recorded, Has.Count.EqualTo(1));
        Assert.That(recorded[0].Seconds, Is.EqualTo(result.TimeToReady.Value.TotalSeconds));
        Assert.That(recorded[0].Mode, Is.EqualTo("HostPort"));
    }

    [Test]
    public async Task EnsureStarted_RepeatedStarts_ReportsTimings()
    {
        // Measures time to ready against the stand-in's own start, which it logs from /proc (10 ms resolution).
        var container = await StartContainerAsync(DockerTestEnvironment.LabelledImage);
        var harness = CreateHarness("Socket");
        var build = container.ToRunningBuild();
        var logPath = Path.Combine(container.BuildFolder, ".vscode-server", "code-server.log");
        var samples = new List<(double Total, double Program)>();

        for (var i = 0; i < 6; i++)
        {
            var result = await harness.Launcher.EnsureStartedAsync(build, CancellationToken.None);
            Assert.That(result.Status, Is.EqualTo(CodeServerStartStatus.Ready), result.Detail);
            var timing = StandinTiming().Match(await File.ReadAllTextAsync(logPath));
            var program = long.Parse(timing.Groups["listening"].Value, CultureInfo.InvariantCulture) - long.Parse(timing.Groups["start"].Value, CultureInfo.InvariantCulture);
            samples.Add((result.TimeToReady!.Value.TotalMilliseconds, program));
            await DockerTestEnvironment.ExecAsync(_docker, container.Id, "sh", "-c", CodeServerCommand.StopScript, "stop", "/data/build/.vscode-server");
        }

        // The first start also warms up the HTTP and Docker clients, so it is reported but left out of the medians.
        var warm = samples.Skip(1).ToList();
        var totalMedian = Median(warm.Select(s => s.Total));
        var programMedian = Median(warm.Select(s => s.Program));
        await TestContext.Out.WriteLineAsync($"first start: total {samples[0].Total:F0} ms, stand-in {samples[0].Program:F0} ms");
        await TestContext.Out.WriteLineAsync($"samples (total/stand-in ms): {string.Join(", ", warm.Select(s => $"{s.Total:F0}/{s.Program:F0}"))}");
        await TestContext.Out.WriteLineAsync($"median time to ready {totalMedian:F0} ms, stand-in start to listen {programMedian:F0} ms, service overhead {totalMedian - programMedian:F0} ms");
        Assert.That(totalMedian, Is.GreaterThanOrEqualTo(programMedian));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"standin-timing process_start_ms=(?<start>\d+) listening_ms=(?<listening>\d+)")]
    private static partial Regex StandinTiming();

    private static MeterListener ListenToTimeToReady(List<(double Seconds, string? Mode)> recorded)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == CodeServerMetrics.MeterName && instrument.Name == CodeServerMetrics.TimeToReadyName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var mode = tags.ToArray().FirstOrDefault(tag => tag.Key == "upstream.mode").Value as string;
            lock (recorded)
            {
                recorded.Add((value, mode));
            }
        });
        listener.Start();
        return listener;
    }

    private async Task<TestBuildContainer> StartContainerAsync(string image, IDictionary<string, string>? environment = null)
    {
        var container = await TestBuildContainer.StartAsync(_docker, image, _buildRoot, environment);
        _containers.Add(container);
        return container;
    }

    private LauncherHarness CreateHarness(string mode, Dictionary<string, string?>? settings = null)
    {
        var harness = new LauncherHarness(_buildRoot, mode, settings);
        _harnesses.Add(harness);
        return harness;
    }

    private static async Task<HttpResponseMessage> GetAsync(CodeServerUpstream upstream, string path, string? cookie = null)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (upstream.SocketPath is { } socketPath)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var host = upstream.SocketPath is null ? upstream.NginxAddress : "localhost";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{host}{path}"));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await client.SendAsync(request);
    }
}
