using System.Globalization;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Browser.Tests;

/// <summary>
/// Runbot's main site and the editors of builds 101 and 102 behind one test nginx, under <c>*.localhost</c> names that
/// Chromium resolves to loopback, so cookies and redirects cross real host names. The service runs its real endpoints
/// and one regeneration pass. Odoo's login and session endpoint are a stand-in, and the editors are stand-ins on the
/// builds' sockets.
/// </summary>
public sealed class BrowserSite : IAsyncDisposable
{
    /// <summary>The name of runbot's main site. The demo data's builds on runbot-host-1.example.com move to it.</summary>
    public const string SiteHost = "runbot.localhost";

    /// <summary>The Odoo login of the internal user, whose login page button reads "Log in as admin".</summary>
    public const string AdminLogin = "admin";

    /// <summary>The Odoo login of the portal user, whose login page button reads "Log in as pat".</summary>
    public const string PortalLogin = "pat";

    private static readonly string[] Dests = ["00101-17-0", "00102-17-0"];

    private readonly List<StubServer> _editors = [];
    private readonly TestFolder _buildRoot = new("rvs-build");
    private RunbotDatabase? _database;
    private NginxServer? _nginx;
    private OdooStub? _odoo;
    private ServiceHost? _service;

    private BrowserSite()
    {
    }

    /// <summary>Gets the nginx in front of the site and the editors.</summary>
    public NginxServer Nginx => _nginx ?? throw new InvalidOperationException("The site is not started.");

    /// <summary>Gets the origin of runbot's main site, such as <c>http://runbot.localhost:PORT</c>.</summary>
    public string SiteOrigin => $"http://{SiteHost}:{Nginx.Port}";

    /// <summary>Returns the host name of a build's editor.</summary>
    public static string EditorHost(long buildId) => $"{buildId:00000}-17-0-vscode.{SiteHost}";

    /// <summary>Returns the origin of a build's editor.</summary>
    public string EditorOrigin(long buildId) => $"http://{EditorHost(buildId)}:{Nginx.Port}";

    /// <summary>Starts the database, the Odoo stand-in, the editors, nginx and the service, and runs one pass.</summary>
    public static async Task<BrowserSite> StartAsync()
    {
        var site = new BrowserSite();
        try
        {
            await site.StartPartsAsync();
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    private async Task StartPartsAsync()
    {
        _database = await RunbotDatabase.CreateAsync();
        await _database.ExecuteAsync($"UPDATE runbot_build SET host = '{SiteHost}' WHERE host = 'runbot-host-1.example.com'");
        _nginx = new NginxServer();
        _odoo = await OdooStub.StartAsync();
        _odoo.AddSession("admin-session-0123456789", 2, AdminLogin);
        _odoo.AddSession("portal-session-0123456789", 3, PortalLogin);
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

    private Dictionary<string, string?> Settings(int port)
    {
        var settings = ServiceUnderTest.Settings(_database!, Nginx, port, _buildRoot.Path);
        settings["Runbot:HostName"] = SiteHost;
        settings["Runbot:OdooUrl"] = _odoo!.Url;
        settings["Routing:Scheme"] = "http";
        settings["Routing:PublicPort"] = Nginx.Port.ToString(CultureInfo.InvariantCulture);
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

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        foreach (var editor in _editors)
        {
            await editor.DisposeAsync();
        }

        if (_odoo is not null)
        {
            await _odoo.DisposeAsync();
        }

        _nginx?.Dispose();
        _buildRoot.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
