using System.Net;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Auth.Tests;

/// <summary>
/// The access flow against the real endpoints, a real nginx with the generated config, PostgreSQL, a stand-in for
/// Odoo's session endpoint and stand-in editors on the builds' sockets.
/// </summary>
[TestFixture]
public sealed class AccessFlowTests
{
    private const string Editor101 = "00101-17-0-vscode.runbot-host-1.example.com";
    private const string Editor102 = "00102-17-0-vscode.runbot-host-1.example.com";
    private const string AdminSession = "admin-session-0123456789";
    private const string PortalSession = "portal-session-0123456789";

    private TestInstallation _installation = null!;
    private OdooStub _odoo = null!;
    private ServiceHost _service = null!;
    private readonly List<StubServer> _editors = [];

    [SetUp]
    public async Task SetUp()
    {
        _installation = await TestInstallation.CreateAsync();
        _odoo = await OdooStub.StartAsync();
        _odoo.AddSession(AdminSession, 2, "admin");
        _odoo.AddSession(PortalSession, 3, "pat");
        foreach (var dest in new[] { "00101-17-0", "00102-17-0" })
        {
            _editors.Add(await StubServer.ForBuildAsync(_installation.BuildRoot.Path, dest));
        }

        var port = FreePort.Next();
        var settings = _installation.Settings(port);
        settings["Runbot:OdooUrl"] = _odoo.Url;
        settings["Routing:Scheme"] = "http";
        settings["Auth:UserCacheTtl"] = "00:00:01";
        settings["Auth:SecretRefreshInterval"] = "00:00:01";

        // The editors here are stand-ins on the builds' sockets, not containers: with no Docker engine at this
        // endpoint, the exchange only checks that the socket answers, as it does when Docker is down.
        settings["Docker:Endpoint"] = $"unix://{_installation.BuildRoot.Combine("no-docker.sock")}";
        _service = await ServiceHost.StartAsync(port, settings);
        var pass = await _service.Pass.RunAsync();
        Assert.That(pass.Succeeded, Is.True, pass.Message);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _service.DisposeAsync();
        foreach (var editor in _editors)
        {
            await editor.DisposeAsync();
        }

        _editors.Clear();
        await _odoo.DisposeAsync();
        await _installation.DisposeAsync();
    }

    [Test]
    public async Task Open_NoSession_RedirectsToLogin()
    {
        using var response = await _service.GetAsync("/runbot/vscode/101");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/web/login?redirect=%2Frunbot%2Fvscode%2F101"));
    }

    [Test]
    public async Task Open_ExpiredSession_RedirectsToLogin()
    {
        using var response = await OpenAsync(101, "unknown-session-000");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Does.StartWith("/web/login"));
    }

    [Test]
    public async Task Open_PortalUser_ForbiddenPageInBothLanguages()
    {
        using var english = await OpenAsync(101, PortalSession);
        using var spanish = await OpenAsync(101, PortalSession, "es-ES,es;q=0.9,en;q=0.5");

        Assert.That(english.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await english.Content.ReadAsStringAsync(), Does.Contain("Access denied"));
        Assert.That(await spanish.Content.ReadAsStringAsync(), Does.Contain("Acceso denegado").And.Contain("lang=\"es\""));
    }

    [TestCase(999, HttpStatusCode.NotFound, "Build not found")]
    [TestCase(108, HttpStatusCode.Conflict, "Build not running")]
    [TestCase(104, HttpStatusCode.Conflict, "No VS Code in this build")]
    public async Task Open_BuildCannotBeOpened_SaysWhy(int buildId, HttpStatusCode status, string title)
    {
        using var response = await OpenAsync(buildId, AdminSession);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(body, Does.Contain(title));
        Assert.That(body, Does.Contain($"https://runbot.example.com/runbot/build/{buildId}"));
    }

    [Test]
    public async Task OpenExchange_InternalUser_ReachesEditor()
    {
        using var open = await OpenAsync(101, AdminSession);
        var location = open.Headers.Location!;

        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(location.Host, Is.EqualTo(Editor101));
        Assert.That(location.AbsolutePath, Is.EqualTo("/__vscode/exchange"));

        using var exchange = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);
        var setCookie = exchange.Headers.GetValues("Set-Cookie").Single();

        Assert.That(exchange.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(exchange.Headers.Location?.OriginalString, Is.EqualTo("/"));
        Assert.That(setCookie, Does.StartWith("runbot_vscode="));
        Assert.That(setCookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/").And.Contain("max-age=14400"));
        Assert.That(setCookie.ToLowerInvariant(), Does.Not.Contain("domain"));

        var cookie = setCookie.Split(';')[0];
        using var editor = await _installation.Nginx.GetAsync(Editor101, "/", new Dictionary<string, string> { ["Cookie"] = $"theme=dark; {cookie}; lang=es" });

        Assert.That(editor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await editor.Content.ReadAsStringAsync(), Does.StartWith("upstream 00101-17-0"));
        var seen = editor.Headers.GetValues("X-Seen-Cookie").Single();
        Assert.That(seen, Does.Not.Contain("runbot_vscode"));
        Assert.That(seen, Does.Contain("theme").And.Contain("lang"));
    }

    [Test]
    public async Task Exchange_TicketUsedTwice_SecondRejected()
    {
        using var open = await OpenAsync(101, AdminSession);
        var location = open.Headers.Location!;

        using var first = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);
        using var second = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await second.Content.ReadAsStringAsync(), Does.Contain("Link expired"));
    }

    [Test]
    public async Task Exchange_TicketOnOtherBuild_Rejected()
    {
        using var open = await OpenAsync(101, AdminSession);

        using var exchange = await _installation.Nginx.GetAsync(Editor102, open.Headers.Location!.PathAndQuery);

        Assert.That(exchange.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(exchange.Headers.Contains("Set-Cookie"), Is.False);
    }

    [Test]
    public async Task Editor_NoCookie_RedirectsToOpenRoute()
    {
        using var response = await _installation.Nginx.GetAsync(Editor101);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("https://runbot.example.com/runbot/vscode/101"));
        Assert.That(await AuthCheckAsync(101, null), Is.EqualTo(401));
    }

    [Test]
    public async Task Editor_OtherBuildsToken_Forbidden()
    {
        var cookie = await LoginAsync(102);

        using var response = await _installation.Nginx.GetAsync(Editor101, "/", new Dictionary<string, string> { ["Cookie"] = cookie });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await AuthCheckAsync(101, cookie), Is.EqualTo(403));
        Assert.That(await AuthCheckAsync(102, cookie), Is.EqualTo(204));
    }

    [Test]
    public async Task AuthCheck_TamperedToken_Unauthenticated()
    {
        var cookie = await LoginAsync(101);
        var tampered = cookie[..^2] + (cookie[^2] == 'A' ? "B" : "A") + cookie[^1];

        Assert.That(await AuthCheckAsync(101, tampered), Is.EqualTo(401));
    }

    [Test]
    public async Task AuthCheck_ExpiredToken_Unauthenticated()
    {
        var codecs = await _service.Get<KeyRingSource>().GetAsync();
        var token = codecs.Tokens.Issue(101, 2, TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(2.2));

        Assert.That(await AuthCheckAsync(101, $"runbot_vscode={token}"), Is.EqualTo(401));
    }

    [Test]
    public async Task AuthCheck_PortalUsersToken_Forbidden()
    {
        var codecs = await _service.Get<KeyRingSource>().GetAsync();
        var token = codecs.Tokens.Issue(101, 3, TimeSpan.FromMinutes(5));

        Assert.That(await AuthCheckAsync(101, $"runbot_vscode={token}"), Is.EqualTo(403));
    }

    [Test]
    public async Task AuthCheck_UserDisabled_ForbiddenWithinCacheTtl()
    {
        var cookie = await LoginAsync(101);
        Assert.That(await AuthCheckAsync(101, cookie), Is.EqualTo(204));

        await _installation.Database.ExecuteAsync("UPDATE res_users SET active = false WHERE id = 2");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.That(await AuthCheckAsync(101, cookie), Is.EqualTo(403));
    }

    [Test]
    public async Task AuthCheck_SecretChanged_TokensInvalid()
    {
        var cookie = await LoginAsync(101);
        Assert.That(await AuthCheckAsync(101, cookie), Is.EqualTo(204));

        await _installation.Database.ExecuteAsync("UPDATE ir_config_parameter SET value = 'a-new-secret-for-every-hmac-0001' WHERE key = 'database.secret'");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.That(await AuthCheckAsync(101, cookie), Is.EqualTo(401));
    }

    [Test]
    public async Task Editor_DuplicatedAndManyCookies_StillServed()
    {
        var cookie = await LoginAsync(101);
        var forged = "runbot_vscode=v1.00000000.101.2.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var unrelated = string.Join("; ", Enumerable.Range(0, 150).Select(index => $"c{index:000}={new string('x', 40)}"));

        using var duplicated = await _installation.Nginx.GetAsync(Editor101, "/", new Dictionary<string, string> { ["Cookie"] = $"{forged}; {cookie}" });
        using var many = await _installation.Nginx.GetAsync(Editor101, "/", new Dictionary<string, string> { ["Cookie"] = $"{unrelated}; {cookie}" });

        Assert.That(duplicated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(duplicated.Headers.GetValues("X-Seen-Cookie").Single(), Does.Not.Contain("runbot_vscode"));
        Assert.That(many.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(many.Headers.GetValues("X-Seen-Cookie").Single(), Does.Contain("c149").And.Not.Contain("runbot_vscode"));
    }

    [Test]
    public async Task Editor_ForgedForwardedHost_DoesNotChangeBuild()
    {
        var cookie = await LoginAsync(102);
        var headers = new Dictionary<string, string>
        {
            ["Cookie"] = cookie,
            ["X-Forwarded-Host"] = Editor102,
            ["X-Original-URI"] = "/auth_check?build=102",
        };

        using var response = await _installation.Nginx.GetAsync(Editor101, "/?build=102", headers);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task WebSocket_OwnOriginWithCookie_Upgraded()
    {
        var cookie = await LoginAsync(101);

        var status = await RawHttp.WebSocketHandshakeAsync(_installation.Nginx.Port, Editor101, $"http://{Editor101}", cookie);

        Assert.That(status, Is.EqualTo(101));
    }

    [Test]
    public async Task WebSocket_ForeignOrigin_Forbidden()
    {
        var cookie = await LoginAsync(101);

        var foreign = await RawHttp.WebSocketHandshakeAsync(_installation.Nginx.Port, Editor101, $"http://{Editor102}", cookie);
        var missingCookie = await RawHttp.WebSocketHandshakeAsync(_installation.Nginx.Port, Editor101, $"http://{Editor101}", null);

        Assert.That(foreign, Is.EqualTo(403));
        Assert.That(missingCookie, Is.EqualTo(403));
    }

    [Test]
    public async Task Open_RepeatedWithoutKeepingCookie_ShowsLoopPage()
    {
        for (var attempt = 0; attempt < OpenLoopGuard.MaxOpens; attempt++)
        {
            using var open = await OpenAsync(101, AdminSession);
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        }

        using var looping = await OpenAsync(101, AdminSession);

        Assert.That(looping.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await looping.Content.ReadAsStringAsync(), Does.Contain("did not keep access"));
    }

    [TestCase("build=abc")]
    [TestCase("build=0101")]
    [TestCase("build=101&build=102")]
    [TestCase("build=99999999999")]
    [TestCase("")]
    public async Task AuthCheck_MalformedBuild_Forbidden(string query)
    {
        using var response = await _service.GetAsync($"/auth_check?{query}");

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
    }

    private Task<HttpResponseMessage> OpenAsync(long buildId, string session, string? language = null)
    {
        var headers = new Dictionary<string, string> { ["Cookie"] = $"session_id={session}" };
        if (language is not null)
        {
            headers["Accept-Language"] = language;
        }

        return _service.GetAsync($"/runbot/vscode/{buildId}", headers);
    }

    private async Task<string> LoginAsync(long buildId)
    {
        using var open = await OpenAsync(buildId, AdminSession);
        var location = open.Headers.Location!;
        using var exchange = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);
        return exchange.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<int> AuthCheckAsync(long buildId, string? cookie)
    {
        var headers = cookie is null ? null : new Dictionary<string, string> { ["Cookie"] = cookie };
        using var response = await _service.GetAsync($"/auth_check?build={buildId}", headers);
        return (int)response.StatusCode;
    }
}
