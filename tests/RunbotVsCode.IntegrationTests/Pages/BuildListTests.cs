using System.Net;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Pages.Tests;

/// <summary>The list of builds that can open VS Code, on the real endpoints with an Odoo stand-in.</summary>
[TestFixture]
public sealed class BuildListTests
{
    private TestInstallation _installation = null!;
    private OdooStub _odoo = null!;
    private ServiceHost _service = null!;

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        _odoo = await OdooStub.StartAsync();
        _odoo.AddSession("admin-session", 2, "admin");
        _odoo.AddSession("portal-session", 3, "pat");
        var port = FreePort.Next();
        var settings = _installation.Settings(port);
        settings["Runbot:OdooUrl"] = _odoo.Url;
        _service = await ServiceHost.StartAsync(port, settings);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _service.DisposeAsync();
        await _odoo.DisposeAsync();
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task List_InternalUser_ShowsOpenableBuildsOfEveryHost()
    {
        using var response = await GetAsync("admin-session", "en");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("<h2>runbot-host-1.example.com</h2>").And.Contain("<h2>runbot-host-2.example.com</h2>"));
        foreach (var id in new[] { 101, 102, 105, 106, 107 })
        {
            Assert.That(body, Does.Contain($"href=\"/runbot/vscode/{id}\""), $"build {id}");
        }

        Assert.That(body, Does.Not.Contain("/runbot/vscode/104\""), "104's Dockerfile has no code-server");
        Assert.That(body, Does.Not.Contain("/runbot/vscode/108\""), "108 is done");
        Assert.That(body, Does.Contain("Open VS Code").And.Contain("17.0"));
    }

    [Test]
    public async Task List_SpanishBrowser_ShowsSpanish()
    {
        using var response = await GetAsync("admin-session", "es-419,es;q=0.9");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Does.Contain("lang=\"es\"").And.Contain("Abrir VS Code").And.Contain("En ejecución desde hace"));
    }

    [Test]
    public async Task List_NoSession_RedirectsToLogin()
    {
        using var response = await _service.GetAsync("/runbot/vscode/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/web/login?redirect=%2Frunbot%2Fvscode%2F"));
    }

    [Test]
    public async Task List_PortalUser_Forbidden()
    {
        using var response = await GetAsync("portal-session", "en");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private Task<HttpResponseMessage> GetAsync(string session, string language) =>
        _service.GetAsync("/runbot/vscode/", new Dictionary<string, string> { ["Cookie"] = $"session_id={session}", ["Accept-Language"] = language });
}
