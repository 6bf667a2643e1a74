using Microsoft.Playwright;

namespace RunbotVsCode.Browser.Tests;

/// <summary>The access flow in headless Chromium, on the site of <see cref="BrowserSite"/>.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserAccessTests
{
    private const string SiteHost = BrowserSite.SiteHost;
    private const string CookieName = "runbot_vscode";

    private IPlaywright _playwright = null!;
    private BrowserSite _site = null!;
    private HeadlessChromium? _chromium;

    private string SiteOrigin => _site.SiteOrigin;

    [OneTimeSetUp]
    public async Task StartPlaywright() => _playwright = await HeadlessChromium.StartPlaywrightAsync();

    [OneTimeTearDown]
    public void StopPlaywright() => _playwright?.Dispose();

    [SetUp]
    public async Task SetUp() => _site = await BrowserSite.StartAsync();

    [TearDown]
    public async Task TearDown()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
            _chromium = null;
        }

        await _site.DisposeAsync();
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

    private async Task<IBrowserContext> LaunchAsync(string locale)
    {
        _chromium = await HeadlessChromium.LaunchAsync(_playwright, locale);
        return _chromium.Context;
    }

    private static List<string> Trail(IPage page) => HeadlessChromium.Trail(page);

    private static Task Screenshot(IPage page, string name) => HeadlessChromium.ScreenshotAsync(page, name);

    private string EditorOrigin(long buildId) => _site.EditorOrigin(buildId);

    private static string EditorHost(long buildId) => BrowserSite.EditorHost(buildId);
}
