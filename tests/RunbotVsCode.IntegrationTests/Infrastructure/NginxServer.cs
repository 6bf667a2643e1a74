using System.Diagnostics;
using System.Net;
using RunbotVsCode.Nginx;

namespace RunbotVsCode.Infrastructure;

/// <summary>
/// A throwaway nginx with its own prefix, listening on a loopback port, whose main config includes the folder the
/// service writes to. Unknown names reach a default server that answers 404 with <c>no route</c>.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private readonly TestFolder _folder = new("rvs-nginx");

    /// <summary>Lays out the prefix and main config; nginx itself is started by the service's first pass or by <see cref="StartAsync"/>.</summary>
    public NginxServer()
    {
        Port = FreePort.Next();
        Directory.CreateDirectory(IncludeFolder);
        Directory.CreateDirectory(ExtraFolder);
        Directory.CreateDirectory(_folder.Combine("logs"));
        File.WriteAllText(MainConfigPath, MainConfig());
    }

    /// <summary>Gets the loopback port nginx listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the prefix folder.</summary>
    public string Prefix => _folder.Path + "/";

    /// <summary>Gets the main config path.</summary>
    public string MainConfigPath => _folder.Combine("nginx.conf");

    /// <summary>Gets the folder the main config includes <c>*.conf</c> from.</summary>
    public string IncludeFolder => _folder.Combine("vscode");

    /// <summary>Gets the folder the main config includes extra servers from, written by <see cref="AddServer"/>.</summary>
    public string ExtraFolder => _folder.Combine("extra");

    /// <summary>Gets the path of the file the service owns.</summary>
    public string ConfigPath => Path.Combine(IncludeFolder, "runbot-vscode.conf");

    /// <summary>Gets the pid file.</summary>
    public string PidFile => _folder.Combine("nginx.pid");

    /// <summary>Gets the error log, written at notice level so reloads show in it.</summary>
    public string ErrorLog => _folder.Combine("logs", "error.log");

    /// <summary>Returns settings for the service pointing at this nginx.</summary>
    public NginxOptions Options(int authPort) => new()
    {
        ConfigPath = ConfigPath,
        MainConfigPath = MainConfigPath,
        Prefix = Prefix,
        PidFile = PidFile,
        Binary = TestServices.NginxBinary,
        Listen = $"127.0.0.1:{Port}",
        AuthAddress = $"127.0.0.1:{authPort}",
        LockTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Adds a server named <paramref name="serverName"/> on this nginx's port whose body is <paramref name="locations"/>,
    /// such as runbot's main site in front of the service and an Odoo stand-in. It takes effect at the next start or reload.
    /// </summary>
    public void AddServer(string serverName, string locations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverName);
        ArgumentNullException.ThrowIfNull(locations);

        var block = $$"""
            server {
                listen 127.0.0.1:{{Port}};
                server_name {{serverName}};
            {{locations}}
            }

            """;
        File.WriteAllText(Path.Combine(ExtraFolder, $"{serverName}.conf"), block);
    }

    /// <summary>Starts nginx on the current config.</summary>
    public async Task StartAsync()
    {
        using var process = Process.Start(TestServices.NginxBinary, ["-p", Prefix, "-c", MainConfigPath]);
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"nginx did not start; see {ErrorLog}");
    }

    /// <summary>Returns the master pid, or null when nginx is not running.</summary>
    public int? MasterPid()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            return null;
        }

        return Directory.Exists($"/proc/{pid}") ? pid : null;
    }

    /// <summary>Counts the reloads nginx logged so far.</summary>
    public int ReloadCount() =>
        File.Exists(ErrorLog) ? File.ReadLines(ErrorLog).Count(line => line.Contains("signal 1 (SIGHUP) received", StringComparison.Ordinal)) : 0;

    /// <summary>Sends a GET through nginx with the given Host header and extra headers.</summary>
    public async Task<HttpResponseMessage> GetAsync(string host, string path = "/", IDictionary<string, string>? headers = null)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{Port}{path}");
        request.Headers.Host = host;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Sends a GET and returns the status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string host, string path = "/", IDictionary<string, string>? headers = null)
    {
        using var response = await GetAsync(host, path, headers);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (MasterPid() is { } pid)
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        _folder.Dispose();
    }

    private string MainConfig() => $$"""
        worker_processes 1;
        pid {{PidFile}};
        error_log {{ErrorLog}} notice;
        events { worker_connections 512; }
        http {
            access_log off;
            client_body_temp_path {{_folder.Combine("tmp-body")}};
            proxy_temp_path {{_folder.Combine("tmp-proxy")}};
            fastcgi_temp_path {{_folder.Combine("tmp-fastcgi")}};
            uwsgi_temp_path {{_folder.Combine("tmp-uwsgi")}};
            scgi_temp_path {{_folder.Combine("tmp-scgi")}};
            server {
                listen 127.0.0.1:{{Port}} default_server;
                server_name _;
                return 404 "no route\n";
            }
            include {{ExtraFolder}}/*.conf;
            include {{IncludeFolder}}/*.conf;
        }
        """;
}
