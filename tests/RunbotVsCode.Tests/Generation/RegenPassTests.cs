using RunbotVsCode.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;
using RunbotVsCode.Hosting;
using RunbotVsCode.Nginx;
using RunbotVsCode.Rendering;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;
using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Generation.Tests;

public class RegenPassTests
{
    private const string Host = "runbot.example.com";
    private const string ConfigName = "runbot-vscode.conf";
    private const string PreviousContent = "# the config nginx serves now\n";

    private static readonly DateTime OldWriteTime = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private TempFolder _folder = null!;
    private Mock<IRunbotReader> _reader = null!;
    private Mock<INginxControl> _nginx = null!;
    private CapturingLogger<RegenPass> _logger = null!;
    private TestMeterFactory _meters = null!;
    private RegenPass _pass = null!;
    private Dictionary<string, string> _parameters = null!;
    private List<RunningBuild> _builds = null!;

    private string ConfigPath => _folder.Combine(ConfigName);

    [SetUp]
    public void SetUp()
    {
        _folder = new TempFolder();
        _parameters = new() { [RouteSettings.BaseUrlKey] = "https://runbot.example.com" };
        _builds = [];

        _reader = new Mock<IRunbotReader>();
        _reader.Setup(reader => reader.ReadAsync(Host, RunbotOptions.DefaultCodeServerLayerXmlId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new RunbotSnapshot([.. _builds], new Dictionary<string, string>(_parameters), new LayerGraph([], []), 100, LayerInclusion.None));

        _nginx = new Mock<INginxControl>();
        _nginx.Setup(nginx => nginx.IsMasterRunning()).Returns(true);
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new NginxTestResult(true, ""));
        _nginx.Setup(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(ReloadOutcome.Signaled);

        _logger = new CapturingLogger<RegenPass>();
        _meters = new TestMeterFactory();

        var nginxOptions = Options.Create(new NginxOptions { ConfigPath = ConfigPath, LockTimeout = TimeSpan.FromSeconds(5) });
        var upstream = new UpstreamOptions { Mode = UpstreamMode.HostPort };
        _pass = new RegenPass(
            _reader.Object,
            new NoContainerFacts(),
            new RouteBuilder(upstream),
            new NginxConfigRenderer(TemplateFile.Load(RepositoryFiles.NginxTemplate)),
            new ConfigApplier(nginxOptions, _nginx.Object, TimeProvider.System, NullLogger<ConfigApplier>.Instance),
            new RegenMetrics(_meters),
            Options.Create(new RunbotOptions { HostName = Host, ConnectionString = "Host=/var/run/postgresql" }),
            Options.Create(new RoutingOptions()),
            nginxOptions,
            Options.Create(new HttpOptions()),
            Options.Create(new AuthOptions()),
            TimeProvider.System,
            _logger);
    }

    [TearDown]
    public void TearDown()
    {
        _pass.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }

    private static RunningBuild Running(long id, string? dest = null, bool hasLayer = true) =>
        new(id, dest ?? $"{id:00000}-17-0", Host, 2000 + (3 * (int)id), "run", "17.0", 1, "DockerDefault", "odoo:DockerDefault", hasLayer, null);

    private void WritePreviousConfig()
    {
        File.WriteAllText(ConfigPath, PreviousContent);
        File.SetLastWriteTimeUtc(ConfigPath, OldWriteTime);
    }

    private int SkipEntriesFor(long buildId) =>
        _logger.WithEventId(EventIds.BuildSkipped).Count(entry => entry.State.TryGetValue("BuildId", out var value) && value is long id && id == buildId);

    [Test]
    public async Task RunAsync_NewBuild_Applied()
    {
        _builds.Add(Running(1));

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Applied));
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(ConfigPath), Does.Contain("server_name 00001-17-0-vscode.runbot.example.com;"));
    }

    [Test]
    public async Task RunAsync_NothingChanged_Unchanged()
    {
        _builds.Add(Running(1));
        await _pass.RunAsync();

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Unchanged));
        _nginx.Verify(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task RunAsync_Finished_SetsLastResult()
    {
        var result = await _pass.RunAsync();

        Assert.That(_pass.LastResult, Is.SameAs(result));
    }

    [Test]
    public async Task RunAsync_NginxRejects_ExitCode3()
    {
        _nginx.Setup(nginx => nginx.TestAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new NginxTestResult(false, "emerg"));

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Rejected));
        Assert.That(result.ExitCode, Is.EqualTo(3));
    }

    [Test]
    public async Task RunAsync_ReloadFails_ExitCode4()
    {
        _nginx.Setup(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new NginxException("no master"));

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.ReloadFailed));
        Assert.That(result.ExitCode, Is.EqualTo(4));
    }

    [Test]
    public async Task RunAsync_DatabaseFails_Failed()
    {
        _reader.Setup(reader => reader.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NpgsqlException("connection refused"));

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Failed));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Message, Does.Contain("connection refused"));
    }

    [Test]
    public async Task RunAsync_DatabaseFails_ConfigFileUntouched()
    {
        WritePreviousConfig();
        _reader.Setup(reader => reader.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NpgsqlException("connection refused"));

        await _pass.RunAsync();

        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(PreviousContent));
        Assert.That(File.GetLastWriteTimeUtc(ConfigPath), Is.EqualTo(OldWriteTime));
    }

    [Test]
    public async Task RunAsync_DatabaseFails_ApplierNotReached()
    {
        WritePreviousConfig();
        _reader.Setup(reader => reader.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NpgsqlException("connection refused"));

        await _pass.RunAsync();

        _nginx.Verify(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()), Times.Never);
        _nginx.Verify(nginx => nginx.ReloadAsync(It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_folder.FileNames(), Is.EqualTo(new[] { ConfigName }));
    }

    [Test]
    public async Task RunAsync_DatabaseFails_LogsPassFailedWithException()
    {
        var failure = new NpgsqlException("connection refused");
        _reader.Setup(reader => reader.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);

        await _pass.RunAsync();

        var entry = _logger.WithEventId(EventIds.PassFailed).Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(entry.Exception, Is.SameAs(failure));
    }

    [Test]
    public async Task RunAsync_InvalidSuffixParameter_FailedNamingKey()
    {
        WritePreviousConfig();
        _parameters[RouteSettings.SuffixKey] = "vs code;";

        var result = await _pass.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.Failed));
        Assert.That(result.Message, Does.Contain(RouteSettings.SuffixKey));
        Assert.That(File.ReadAllText(ConfigPath), Is.EqualTo(PreviousContent));
    }

    [Test]
    public async Task RunAsync_DryRun_WritesNothing()
    {
        _builds.Add(Running(1));

        var result = await _pass.RunAsync(dryRun: true);

        Assert.That(result.Outcome, Is.EqualTo(PassOutcome.DryRun));
        Assert.That(_folder.FileNames(), Is.Empty);
        _nginx.Verify(nginx => nginx.TestAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RunAsync_DryRun_ReturnsRenderedConfig()
    {
        _builds.Add(Running(1));

        var result = await _pass.RunAsync(dryRun: true);

        Assert.That(result.Content, Does.Contain("server_name 00001-17-0-vscode.runbot.example.com;"));
    }

    [Test]
    public async Task RunAsync_DiffAfterNewBuild_AddsServerNameLine()
    {
        _builds.Add(Running(1));
        await _pass.RunAsync();
        _builds.Add(Running(2));

        var result = await _pass.RunAsync(dryRun: true, diff: true);
        var lines = result.Diff!.Split('\n');

        Assert.That(lines, Has.Some.EqualTo("+    server_name 00002-17-0-vscode.runbot.example.com;"));
        Assert.That(lines, Has.None.StartsWith("-    server_name"));
    }

    [Test]
    public async Task RunAsync_DiffWithNothingApplied_AddsEveryLine()
    {
        _builds.Add(Running(1));

        var result = await _pass.RunAsync(dryRun: true, diff: true);

        Assert.That(result.Diff!.Split('\n'), Has.Some.EqualTo("+    server_name 00001-17-0-vscode.runbot.example.com;"));
    }

    [Test]
    public async Task RunAsync_NoDiffRequested_DiffIsNull()
    {
        var result = await _pass.RunAsync(dryRun: true);

        Assert.That(result.Diff, Is.Null);
    }

    [Test]
    public async Task RunAsync_SkippedBuildTwoPasses_LoggedOnce()
    {
        _builds.Add(Running(7, dest: "bad dest"));

        await _pass.RunAsync();
        await _pass.RunAsync();

        Assert.That(SkipEntriesFor(7), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_SkippedBuild_LogsReasonAsWarning()
    {
        _builds.Add(Running(7, dest: "bad dest"));

        await _pass.RunAsync();

        var entry = _logger.WithEventId(EventIds.BuildSkipped).Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State["Reason"], Is.EqualTo(SkipReason.InvalidDest));
    }

    [Test]
    public async Task RunAsync_NotAttachableBuild_LoggedOnceAtDebug()
    {
        _builds.Add(Running(8, hasLayer: false));

        await _pass.RunAsync();
        await _pass.RunAsync();

        Assert.That(SkipEntriesFor(8), Is.EqualTo(1));
        Assert.That(_logger.WithEventId(EventIds.BuildSkipped).Single().Level, Is.EqualTo(LogLevel.Debug));
    }

    [Test]
    public async Task RunAsync_SkippedBuildGoneAndBack_LoggedAgain()
    {
        var bad = Running(7, dest: "bad dest");
        _builds.Add(bad);
        await _pass.RunAsync();
        await _pass.RunAsync();

        _builds.Remove(bad);
        await _pass.RunAsync();
        _builds.Add(bad);
        await _pass.RunAsync();

        Assert.That(SkipEntriesFor(7), Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_SkippedBuildAcrossFailedPass_NotLoggedAgain()
    {
        // A failed pass reads no builds, so it cannot tell whether the build is still skipped.
        _builds.Add(Running(7, dest: "bad dest"));
        await _pass.RunAsync();
        _reader.SetupSequence(reader => reader.ReadAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new NpgsqlException("connection refused"))
            .ReturnsAsync(new RunbotSnapshot([.. _builds], _parameters, new LayerGraph([], []), 100, LayerInclusion.None));

        await _pass.RunAsync();
        await _pass.RunAsync();

        Assert.That(SkipEntriesFor(7), Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_SkippedBuildNewReason_LoggedAgain()
    {
        _builds.Add(Running(7, hasLayer: false));
        await _pass.RunAsync();
        _builds[0] = Running(7, dest: "bad dest");

        await _pass.RunAsync();

        Assert.That(SkipEntriesFor(7), Is.EqualTo(2));
    }
}
