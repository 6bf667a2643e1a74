using System.Diagnostics;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Faults.Tests;

/// <summary>
/// A Docker engine of its own on a socket, data root and exec root in a test folder, in its own network namespace with
/// no bridge and no iptables rules, so a test can start and stop it without touching the engine on
/// <c>/var/run/docker.sock</c> that other tests use.
/// </summary>
internal sealed class SecondDockerEngine : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = new("rvs-dockerd");
    private Process? _process;

    /// <summary>Gets the endpoint to set as <c>Docker:Endpoint</c>.</summary>
    public string Endpoint => $"unix://{SocketPath}";

    private string SocketPath => _folder.Combine("docker.sock");

    /// <summary>Starts the engine and waits until <c>/_ping</c> returns OK.</summary>
    public async Task StartAsync()
    {
        // In a network namespace of its own: an engine started with --bridge=none deletes the docker0 interface of the
        // namespace it runs in, which would take the bridge from the engine the container tests use. unshare execs dockerd,
        // so the pid stays the engine's.
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--net", "--", "dockerd",
            "--iptables=false", "--storage-driver=vfs", "--bridge=none",
            "-H", Endpoint,
            "--data-root", _folder.Combine("data"),
            "--exec-root", _folder.Combine("exec"),
            "--pidfile", _folder.Combine("docker.pid"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            TestServices.Unavailable("dockerd", exception.Message);
            return;
        }

        // The engine writes its log to stderr, so both pipes are drained to keep it from blocking on a full one.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartLimit)
        {
            if (await PingAsync())
            {
                return;
            }

            if (_process.HasExited)
            {
                TestServices.Unavailable("dockerd", $"a second engine exited with {_process.ExitCode} at start");
            }

            await Task.Delay(100);
        }

        TestServices.Unavailable("dockerd", $"a second engine did not answer on {SocketPath} within {StartLimit}");
    }

    /// <summary>Stops the engine with SIGTERM, by the pid this class started, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        var (exitCode, output) = await FaultHarness.RunAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(exitCode, Is.Zero, output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    private async Task<bool> PingAsync()
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return await client.GetStringAsync("http://localhost/_ping") == "OK";
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();

        // The engine mounts folders under its exec root, so unmount what it left before deleting the folder.
        await FaultHarness.RunAsync("bash", "-c", "grep -o \" $0[^ ]*\" /proc/mounts | sort -r | xargs -r -n1 umount --lazy", _folder.Path);
        _folder.Dispose();
    }
}
