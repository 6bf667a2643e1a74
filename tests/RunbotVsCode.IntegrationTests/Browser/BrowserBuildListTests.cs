using Microsoft.Playwright;

namespace RunbotVsCode.Browser.Tests;

/// <summary>The builds page <c>/runbot/vscode/</c> in headless Chromium, on the site of <see cref="BrowserSite"/>, in each language it speaks.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserBuildListTests
{
    private IPlaywright _playwright = null!;
    private BrowserSite _site = null!;
    private HeadlessChromium? _chromium;

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

    [TestCase("en-US", "en", "VS Code in running builds", "Open VS Code", "Signed in as admin")]
    [TestCase("es-ES", "es", "VS Code en las builds en ejecución", "Abrir VS Code", "Sesión iniciada como admin")]
    public async Task List_InternalUser_OpensEditorFromButton(string locale, string language, string title, string button, string signedIn)
    {
        _chromium = await HeadlessChromium.LaunchAsync(_playwright, locale);
        var page = await _chromium.Context.NewPageAsync();
        var listUrl = $"{_site.SiteOrigin}/runbot/vscode/";

        await page.GotoAsync(listUrl);
        Assert.That(page.Url, Is.EqualTo($"{_site.SiteOrigin}/web/login?redirect=%2Frunbot%2Fvscode%2F"));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Log in as {BrowserSite.AdminLogin}" }).ClickAsync();
        await page.WaitForURLAsync(listUrl);
        await HeadlessChromium.ScreenshotAsync(page, $"list-{language}");

        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo(language));
        Assert.That(await page.Locator("h1").TextContentAsync(), Is.EqualTo(title));
        Assert.That(await page.Locator(".who").TextContentAsync(), Is.EqualTo(signedIn));
        Assert.That(await page.Locator("h2").AllTextContentsAsync(), Is.EqualTo(new[] { "runbot-host-2.example.com", BrowserSite.SiteHost }), "hosts in ordinal order");

        // Each host's builds are in the table under its heading. Build 104 has no code-server and 108 is done, so neither is listed.
        var tables = page.Locator("table");
        Assert.That(await tables.CountAsync(), Is.EqualTo(2));
        Assert.That(await tables.Nth(0).Locator("code").AllTextContentsAsync(), Is.EqualTo(new[] { "00107-17-0" }));
        Assert.That(await tables.Nth(1).Locator("code").AllTextContentsAsync(), Is.EqualTo(new[] { "00101-17-0", "00102-17-0", "00105-17-0", "00106-17-0" }));
        Assert.That(await page.Locator("a.button").AllTextContentsAsync(), Is.EqualTo(Enumerable.Repeat(button, 5)));

        var trail = HeadlessChromium.Trail(page);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "00101-17-0" });
        await row.GetByRole(AriaRole.Link, new() { Name = button, Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"{_site.EditorOrigin(101)}/");

        Assert.That(trail, Is.EqualTo(new[]
        {
            $"GET {_site.SiteOrigin}/runbot/vscode/101 303",
            $"GET {_site.EditorOrigin(101)}/__vscode/exchange 303",
            $"GET {_site.EditorOrigin(101)}/ 200",
        }));
        await page.WaitForFunctionAsync("() => document.getElementById('echo')?.textContent !== 'waiting'");
        Assert.That(await page.Locator("#name").TextContentAsync(), Is.EqualTo("00101-17-0"));
        Assert.That(await page.Locator("#echo").TextContentAsync(), Is.EqualTo("hello from 00101-17-0"), "the WebSocket echo through nginx");
        await HeadlessChromium.ScreenshotAsync(page, $"editor-{language}");
    }
}
