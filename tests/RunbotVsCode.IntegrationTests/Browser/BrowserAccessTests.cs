using Microsoft.Playwright;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Browser.Tests;

/// <summary>
/// The access flow in headless Chromium: runbot's main site and the editors are <c>*.localhost</c> names on one test
/// nginx, which Chromium resolves to loopback, so cookies and redirects cross real host names. Odoo's login and
/// session endpoint are a stand-in, and the editors are stand-ins on the builds' sockets.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserAccessTests
{
    private const string SiteHost = "runbot.localhost";
    private const string CookieName = "runbot_vscode";
    private const string AdminSession = "admin-session-0123456789";
    private const string PortalSession = "portal-session-0123456789";
    private static readonly string[] Dests = ["00101-17-0", "00102-17-0"];

    // The flags turn off QUIC, first-run pages and Chromium's update, sync and background requests to Google's servers.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright _playwright = null!;
    private RunbotDatabase _database = null!;
    private NginxServer _nginx = null!;
    private TestFolder _buildRoot = null!;
    private TestFolder _profile = null!;
    private OdooStub _odoo = null!;
    private ServiceHost _service = null!;
    private IBrowserContext? _context;
    private readonly List<StubServer> _editors = [];

    private string SiteOrigin => $"http://{SiteHost}:{_nginx.Port}";

    [OneTimeSetUp]
    public async Task StartPlaywright()
    {
        _ = TestServices.ChromiumBinary;
        try
        {
            _playwright = await Playwright.CreateAsync();
        }
        catch (PlaywrightException exception)
        {
            TestServices.Unavailable("Playwright", $"its driver did not start: {exception.Message}");
        }
    }

    [OneTimeTearDown]
    public void StopPlaywright() => _playwright?.Dispose();

    [SetUp]
    public async Task SetUp()
    {
        _database = await RunbotDatabase.CreateAsync();
        await _database.ExecuteAsync($"UPDATE runbot_build SET host = '{SiteHost}' WHERE host = 'runbot-host-1.example.com'");
        _nginx = new NginxServer();
        _buildRoot = new TestFolder("rvs-build");
        _profile = new TestFolder("rvs-chromium");
        _odoo = await OdooStub.StartAsync();
        _odoo.AddSession(AdminSession, 2, "admin");
        _odoo.AddSession(PortalSession, 3, "pat");
        foreach (var dest in Dests)
        {
            _editors.Add(await StartEditorAsync(dest));
        }

        var port = FreePort.Next();
        _nginx.AddServer(SiteHost, $$"""
                location /runbot/vscode/ {
                    proxy_pass http://127.0.0.1:{{port}};
                    proxy_set_header Host $http_host;
                }
                location /web/ {
                    proxy_pass {{_odoo.Url}};
                    proxy_set_header Host $http_host;
                }
            """);
        _service = await ServiceHost.StartAsync(port, Settings(port));
        var pass = await _service.Pass.RunAsync();
        Assert.That(pass.Succeeded, Is.True, pass.Message);
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
            _context = null;
        }

        await _service.DisposeAsync();
        foreach (var editor in _editors)
        {
            await editor.DisposeAsync();
        }

        _editors.Clear();
        await _odoo.DisposeAsync();
        _nginx.Dispose();
        _profile.Dispose();
        _buildRoot.Dispose();
        await _database.DisposeAsync();
    }

    [Test]
    public async Task Open_TwoBuildsSideBySide_BothKeepWorking()
    {
        var context = await LaunchAsync("en-US");
        // A cookie on the editor's name that the stand-in must list, which shows that a name missing from its list was not sent.
        await context.AddCookiesAsync([new Cookie { Name = "theme", Value = "dark", Domain = EditorHost(101), Path = "/" }]);
        var first = await context.NewPageAsync();
        var firstTrail = Trail(first);

        await first.GotoAsync($"{SiteOrigin}/runbot/vscode/101");
        Assert.That(first.Url, Is.EqualTo($"{SiteOrigin}/web/login?redirect=%2Frunbot%2Fvscode%2F101"));
        await Screenshot(first, "login");
        await first.GetByRole(AriaRole.Button, new() { Name = "Log in as admin" }).ClickAsync();
        await first.WaitForURLAsync($"{EditorOrigin(101)}/");

        Assert.That(firstTrail, Is.EqualTo(new[]
        {
            $"GET {SiteOrigin}/runbot/vscode/101 302",
            $"GET {SiteOrigin}/web/login 200",
            $"POST {SiteOrigin}/web/login 302",
            $"GET {SiteOrigin}/runbot/vscode/101 303",
            $"GET {EditorOrigin(101)}/__vscode/exchange 303",
            $"GET {EditorOrigin(101)}/ 200",
        }));
        await AssertEditorAsync(first, "00101-17-0");
        Assert.That(await SeenCookiesAsync(first), Is.EqualTo("theme"));
        await Screenshot(first, "editor-101");

        var second = await context.NewPageAsync();
        var secondTrail = Trail(second);
        await second.GotoAsync($"{SiteOrigin}/runbot/vscode/102");

        // Already logged in to Odoo, so the open route sends the browser straight on.
        Assert.That(secondTrail, Is.EqualTo(new[]
        {
            $"GET {SiteOrigin}/runbot/vscode/102 303",
            $"GET {EditorOrigin(102)}/__vscode/exchange 303",
            $"GET {EditorOrigin(102)}/ 200",
        }));
        await AssertEditorAsync(second, "00102-17-0");
        Assert.That(await SeenCookiesAsync(second), Is.Empty);
        await Screenshot(second, "editor-102");

        firstTrail.Clear();
        secondTrail.Clear();
        await first.ReloadAsync();
        await second.ReloadAsync();

        Assert.That(firstTrail, Is.EqualTo(new[] { $"GET {EditorOrigin(101)}/ 200" }));
        Assert.That(secondTrail, Is.EqualTo(new[] { $"GET {EditorOrigin(102)}/ 200" }));
        await AssertEditorAsync(first, "00101-17-0");
        await AssertEditorAsync(second, "00102-17-0");
        await Screenshot(first, "editor-101-reloaded");

        var cookies = await context.CookiesAsync();
        var accessCookies = cookies.Where(cookie => cookie.Name == CookieName).ToList();
        Assert.That(accessCookies.Select(cookie => cookie.Domain), Is.EquivalentTo(new[] { EditorHost(101), EditorHost(102) }));
        Assert.That(accessCookies.All(cookie => cookie is { HttpOnly: true, Path: "/", SameSite: SameSiteAttribute.Lax }), Is.True);
        Assert.That(cookies.Where(cookie => cookie.Domain.StartsWith('.')).Select(cookie => cookie.Name), Is.Empty, "no cookie may cover other names");
        Assert.That(cookies.Single(cookie => cookie.Name == "session_id").Domain, Is.EqualTo(SiteHost));
    }

    [Test]
    public async Task Open_PortalUserInSpanish_ShowsAccesoDenegado()
    {
        var context = await LaunchAsync("es-ES");
        var page = await context.NewPageAsync();
        IResponse? last = null;
        page.Response += (_, response) => last = response.Request.IsNavigationRequest ? response : last;

        await page.GotoAsync($"{SiteOrigin}/runbot/vscode/101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in as pat" }).ClickAsync();
        await page.WaitForURLAsync($"{SiteOrigin}/runbot/vscode/101");
        await Screenshot(page, "portal-es");

        Assert.That(last?.Status, Is.EqualTo(403));
        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("es"));
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Contain("Acceso denegado"));
        Assert.That((await context.CookiesAsync()).Select(cookie => cookie.Name), Does.Not.Contain(CookieName));
    }

    private Dictionary<string, string?> Settings(int port)
    {
        var settings = ServiceUnderTest.Settings(_database, _nginx, port, _buildRoot.Path);
        settings["Runbot:HostName"] = SiteHost;
        settings["Runbot:OdooUrl"] = _odoo.Url;
        settings["Routing:Scheme"] = "http";
        settings["Routing:PublicPort"] = _nginx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Routing:OpenBaseUrl"] = SiteOrigin;

        // The editors are stand-ins on the builds' sockets, not containers: with no Docker engine at this endpoint,
        // the exchange only checks that the socket accepts connections.
        settings["Docker:Endpoint"] = $"unix://{_buildRoot.Combine("no-docker.sock")}";
        return settings;
    }

    private async Task<StubServer> StartEditorAsync(string dest)
    {
        var folder = Path.Combine(_buildRoot.Path, dest, ".vscode-server");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(Path.Combine(_buildRoot.Path, dest), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);

        var editor = await StubServer.OnSocketAsync(dest, Path.Combine(folder, "code-server.sock"));
        editor.ServesEditorPage = true;
        return editor;
    }

    private async Task<IBrowserContext> LaunchAsync(string locale)
    {
        try
        {
            _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new()
            {
                ExecutablePath = TestServices.ChromiumBinary,
                Headless = true,
                Args = ChromiumArgs,
                Locale = locale,
                Timeout = 30_000,
            });
        }
        catch (PlaywrightException exception)
        {
            TestServices.Unavailable("Chromium", $"Playwright cannot launch {TestServices.ChromiumBinary}: {exception.Message}");
        }

        _context!.SetDefaultTimeout(15_000);
        return _context;
    }

    /// <summary>Records each top-level navigation response of <paramref name="page"/>, redirects included, as "METHOD url-without-query status".</summary>
    private static List<string> Trail(IPage page)
    {
        var trail = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Frame == page.MainFrame)
            {
                trail.Add($"{response.Request.Method} {response.Url.Split('?')[0]} {response.Status}");
            }
        };
        return trail;
    }

    private static async Task AssertEditorAsync(IPage page, string dest)
    {
        var echo = page.Locator("#echo");
        await page.WaitForFunctionAsync("() => document.getElementById('echo')?.textContent !== 'waiting'");

        Assert.That(await page.Locator("#name").TextContentAsync(), Is.EqualTo(dest));
        Assert.That(await echo.TextContentAsync(), Is.EqualTo($"hello from {dest}"), "the WebSocket echo through nginx");
    }

    private static async Task<string> SeenCookiesAsync(IPage page)
    {
        var seen = await page.Locator("#cookies").TextContentAsync() ?? "";

        Assert.That(seen, Does.Not.Contain(CookieName), "nginx strips the access cookie");
        Assert.That(seen, Does.Not.Contain("session_id"), "Odoo's session stays on runbot's name");
        return seen;
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var test = TestContext.CurrentContext.Test.MethodName;
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", $"{test}-{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
        TestContext.AddTestAttachment(path);
    }

    private string EditorOrigin(long buildId) => $"http://{EditorHost(buildId)}:{_nginx.Port}";

    private static string EditorHost(long buildId) => $"{buildId:00000}-17-0-vscode.{SiteHost}";
}
