using Microsoft.Playwright;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Browser.Tests;

/// <summary>
/// <c>deploy/demo.sh</c> run for real, then opened in headless Chromium at the address its closing message gives.
/// The script publishes the service and may build the Docker test image first, so its start is allowed five minutes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserDemoTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopLimit = TimeSpan.FromMinutes(1);

    private IPlaywright _playwright = null!;
    private HeadlessChromium? _chromium;
    private DemoScript? _demo;

    [OneTimeSetUp]
    public async Task StartPlaywright() => _playwright = await HeadlessChromium.StartPlaywrightAsync();

    [OneTimeTearDown]
    public void StopPlaywright() => _playwright?.Dispose();

    [SetUp]
    public void SetUp()
    {
        if (Environment.UserName != "root")
        {
            TestServices.Unavailable("root", "deploy/demo.sh installs packages and starts PostgreSQL as the postgres user");
        }

        _ = TestServices.NginxBinary;
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
            _chromium = null;
        }

        if (_demo is not null)
        {
            await _demo.DisposeAsync();
            _demo = null;
        }
    }

    [Test]
    public async Task Demo_LogInAsAdmin_OpensEditorOfBuild101()
    {
        _demo = DemoScript.Start();
        await _demo.WaitUntilUpAsync(StartLimit);
        var siteOrigin = $"http://runbot.localhost:{_demo.Port}";
        var editorOrigin = $"http://00101-17-0-vscode.runbot.localhost:{_demo.Port}";
        TestContext.Out.WriteLine(_demo.UsesDocker ? "The demo runs build 101 in a Docker container." : "The demo runs build 101's editor on the host.");
        if (Environment.GetEnvironmentVariable("RUNBOTVSCODE_TEST_DOCKER") == "1")
        {
            // tests/run.sh provides a Docker engine and the test image, so the demo must take its Docker path.
            Assert.That(_demo.UsesDocker, Is.True, _demo.Output);
        }

        if (_demo.UsesDocker)
        {
            Assert.That(await _demo.ContainerIdsAsync(), Has.Count.EqualTo(1), "the demo's container of build 101");
            Assert.That(await _demo.CodeServersInContainerAsync(), Is.Zero, "code-server starts only when the editor is opened");
        }

        _chromium = await HeadlessChromium.LaunchAsync(_playwright, "en-US");
        var page = await _chromium.Context.NewPageAsync();
        var trail = HeadlessChromium.Trail(page);
        await page.GotoAsync($"{siteOrigin}/runbot/vscode/101");
        await HeadlessChromium.ScreenshotAsync(page, "login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in as admin" }).ClickAsync();

        // With Docker, the exchange starts code-server in the container first, which takes a few seconds.
        await page.WaitForURLAsync($"{editorOrigin}/", new() { Timeout = 60_000 });
        await HeadlessChromium.ScreenshotAsync(page, "editor");

        Assert.That(await page.Locator("h1").TextContentAsync(), Is.EqualTo("code-server stand-in"), _demo.Output);
        if (_demo.UsesDocker)
        {
            Assert.That(await _demo.CodeServersInContainerAsync(), Is.EqualTo(1), "the exchange started code-server in the container");
        }

        Assert.That(trail, Is.EqualTo(new[]
        {
            $"GET {siteOrigin}/runbot/vscode/101 302",
            $"GET {siteOrigin}/web/login 200",
            $"POST {siteOrigin}/web/login 303",
            $"GET {siteOrigin}/runbot/vscode/101 303",
            $"GET {editorOrigin}/__vscode/exchange 303",
            $"GET {editorOrigin}/ 200",
        }));

        var nginx = _demo.NginxMasterPid();
        Assert.That(nginx, Is.Not.Null, "the demo's nginx pid file");
        Assert.That(await _demo.StopAsync("INT", StopLimit), Is.EqualTo(130), $"the demo's exit code after SIGINT, as after Ctrl+C:\n{_demo.Output}");
        Assert.That(await _demo.WaitForGroupExitAsync(TimeSpan.FromSeconds(10)), Is.Empty, "processes the demo started in the foreground");
        Assert.That(await DemoScript.WaitForNginxExitAsync(nginx!.Value, TimeSpan.FromSeconds(10)), Is.True, "the demo's nginx master has stopped");
        Assert.That(await _demo.ContainerIdsAsync(), Is.Empty, "the demo removed its container");
        Assert.That(File.Exists(Path.Combine(_demo.Folder, "pg", "data", "postmaster.pid")), Is.False, "the demo stopped its PostgreSQL");
    }
}
