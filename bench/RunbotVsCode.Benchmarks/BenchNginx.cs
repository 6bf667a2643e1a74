using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// A throwaway nginx prefix under /tmp whose main config includes the folder the service writes to, listening on a
/// free loopback port. The service's first pass starts nginx; <see cref="Dispose"/> stops it by the pid in its pid file.
/// </summary>
internal sealed class BenchNginx : IDisposable
{
    /// <summary>Lays out the prefix and main config.</summary>
    public BenchNginx()
    {
        Prefix = Path.Combine("/tmp", $"rvs-bench-nginx-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(Path.Combine(Prefix, "vscode"));
        Directory.CreateDirectory(Path.Combine(Prefix, "logs"));
        File.SetUnixFileMode(Prefix, (UnixFileMode)0b111_101_101);
        Port = FreeLoopbackPort();
        File.WriteAllText(MainConfigPath, MainConfig());
    }

    /// <summary>Gets the prefix folder.</summary>
    public string Prefix { get; }

    /// <summary>Gets the loopback port nginx listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the nginx binary, from <c>RUNBOTVSCODE_BENCH_NGINX</c> or <c>/usr/sbin/nginx</c>.</summary>
    public static string Binary => Environment.GetEnvironmentVariable("RUNBOTVSCODE_BENCH_NGINX") is { Length: > 0 } binary ? binary : "/usr/sbin/nginx";

    /// <summary>Gets the main config path.</summary>
    public string MainConfigPath => Path.Combine(Prefix, "nginx.conf");

    /// <summary>Gets the path of the file the service owns.</summary>
    public string ConfigPath => Path.Combine(Prefix, "vscode", "runbot-vscode.conf");

    /// <summary>Gets the pid file.</summary>
    public string PidFile => Path.Combine(Prefix, "nginx.pid");

    /// <summary>Gets the count of SIGHUP reloads nginx logged.</summary>
    public int ReloadCount() =>
        File.ReadLines(Path.Combine(Prefix, "logs", "error.log")).Count(line => line.Contains("signal 1 (SIGHUP) received", StringComparison.Ordinal));

    /// <inheritdoc />
    public void Dispose()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
                master.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // nginx already stopped.
            }
        }

        Directory.Delete(Prefix, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string MainConfig() => $$"""
        worker_processes 1;
        pid {{PidFile}};
        error_log {{Prefix}}/logs/error.log notice;
        events { worker_connections 512; }
        http {
            access_log off;
            client_body_temp_path {{Prefix}}/tmp-body;
            proxy_temp_path {{Prefix}}/tmp-proxy;
            fastcgi_temp_path {{Prefix}}/tmp-fastcgi;
            uwsgi_temp_path {{Prefix}}/tmp-uwsgi;
            scgi_temp_path {{Prefix}}/tmp-scgi;
            server {
                listen 127.0.0.1:{{Port}} default_server;
                server_name _;
                return 404;
            }
            include {{Prefix}}/vscode/*.conf;
        }
        """;
}
