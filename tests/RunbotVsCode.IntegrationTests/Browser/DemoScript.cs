using System.Diagnostics;
using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using RunbotVsCode.Containers.Tests;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Browser.Tests;

/// <summary>
/// <c>deploy/demo.sh</c> run as a user would, in a session of its own so that one signal to its process group reaches
/// everything it started in the foreground, on free loopback ports with its files in a folder under /tmp.
/// </summary>
public sealed class DemoScript : IAsyncDisposable
{
    /// <summary>The container the demo runs build 101 in when Docker works.</summary>
    public const string ContainerName = "00101-17-0_run";

    private const string UpLine = "RunbotVsCode demo is up.";

    private readonly Process _process;
    private readonly TestFolder _folder;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoScript(Process process, TestFolder folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>Gets the port of the demo's nginx, where the browser goes.</summary>
    public int Port { get; }

    /// <summary>Gets the demo's folder, <c>RUNBOTVSCODE_DEMO_DIR</c>.</summary>
    public string Folder => _folder.Combine("demo");

    /// <summary>Gets what the script wrote to standard output and standard error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Gets whether the script ran build 101 in a Docker container rather than the stand-in editor on the host.</summary>
    public bool UsesDocker => Output.Contains($"build 101 runs in container {ContainerName}", StringComparison.Ordinal);

    /// <summary>Gets the pid in the demo nginx's pid file, or null when the file is missing.</summary>
    public int? NginxMasterPid()
    {
        var pidFile = Path.Combine(Folder, "nginx", "nginx.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Starts <c>setsid bash deploy/demo.sh</c> with three free ports.</summary>
    public static DemoScript Start()
    {
        var folder = new TestFolder("rvs-demo");
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Path.Combine(TestServices.RepositoryRoot, "deploy", "demo.sh"));
        var port = FreePort.Next();
        start.Environment["RUNBOTVSCODE_DEMO_DIR"] = folder.Combine("demo");
        start.Environment["RUNBOTVSCODE_DEMO_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RUNBOTVSCODE_DEMO_SERVICE_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["RUNBOTVSCODE_DEMO_ODOO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var demo = new DemoScript(process, folder, port);
        process.OutputDataReceived += (_, line) => demo.Record(line.Data);
        process.ErrorDataReceived += (_, line) => demo.Record(line.Data);
        process.Exited += (_, _) => demo._exited.TrySetResult();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return demo;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains(UpLine, StringComparison.Ordinal))
        {
            _up.TrySetResult();
        }
    }

    /// <summary>Waits until the script prints that the demo is up; fails the test with its output when it exits or takes longer than <paramref name="limit"/>.</summary>
    public async Task WaitUntilUpAsync(TimeSpan limit)
    {
        var finished = await Task.WhenAny(_up.Task, _exited.Task, Task.Delay(limit));
        if (finished == _exited.Task && !_up.Task.IsCompleted)
        {
            Assert.Fail($"deploy/demo.sh exited with {_process.ExitCode} before the demo was up:\n{Output}");
        }

        if (finished != _up.Task)
        {
            Assert.Fail($"deploy/demo.sh did not print \"{UpLine}\" within {limit}:\n{Output}");
        }
    }

    /// <summary>Sends <paramref name="signal"/> (such as INT or TERM) to the script's process group and returns its exit code, or null when it is still running after <paramref name="limit"/>.</summary>
    public async Task<int?> StopAsync(string signal, TimeSpan limit)
    {
        await SignalGroupAsync(signal);
        var finished = await Task.WhenAny(_exited.Task, Task.Delay(limit));
        return finished == _exited.Task ? _process.ExitCode : null;
    }

    /// <summary>Waits up to <paramref name="limit"/> for every process of the script's group to end and returns those still running.</summary>
    public async Task<IList<string>> WaitForGroupExitAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var left = GroupProcesses();
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            left = GroupProcesses();
        }

        return left;
    }

    // Lists "pid command" for each process whose process group id, the fifth field of /proc/PID/stat, is the script's pid.
    private List<string> GroupProcesses()
    {
        var members = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[2] == _process.Id.ToString(CultureInfo.InvariantCulture))
                {
                    members.Add($"{Path.GetFileName(folder)} {File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ')}");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not a process folder, or a process that ended while it was read.
            }
        }

        return members;
    }

    /// <summary>Waits up to <paramref name="limit"/> for the nginx master <paramref name="pid"/> to end and returns whether it did.</summary>
    public static async Task<bool> WaitForNginxExitAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IsNginxMaster(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return !IsNginxMaster(pid);
    }

    /// <summary>
    /// Returns the ids of containers named <see cref="ContainerName"/> that mount this demo's build folder, running or
    /// not, so that a container of the same name from another test is left alone. Empty when no engine responds.
    /// </summary>
    public async Task<IList<string>> ContainerIdsAsync()
    {
        using var docker = ConnectDocker();
        try
        {
            var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"^/{ContainerName}$"] = true } },
            });
            return [.. containers
                .Where(container => container.Mounts.Any(mount => mount.Source.StartsWith(Folder + "/", StringComparison.Ordinal)))
                .Select(container => container.ID)];
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException or DockerApiException)
        {
            return [];
        }
    }

    /// <summary>Counts the stand-in code-server processes in the demo's container.</summary>
    public async Task<int> CodeServersInContainerAsync()
    {
        using var docker = ConnectDocker();
        var id = (await ContainerIdsAsync()).Single();
        var output = await DockerTestEnvironment.ExecAsync(docker, id, "pgrep", "-c", "-f", "^/usr/bin/python3 /usr/bin/code-server");
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Returns whether <paramref name="pid"/> is a running nginx master process.</summary>
    public static bool IsNginxMaster(int pid)
    {
        var commandLine = $"/proc/{pid}/cmdline";
        try
        {
            return File.Exists(commandLine) && File.ReadAllText(commandLine).StartsWith("nginx: master", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static DockerClient ConnectDocker() =>
        new DockerClientConfiguration(new Uri(DockerTestEnvironment.Endpoint), defaultTimeout: TimeSpan.FromSeconds(30)).CreateClient();

    // kill(1) with a negative pid signals the whole group. setsid made the script's pid its session's and group's id,
    // so the signal never reaches the test's own group.
    private async Task SignalGroupAsync(string signal)
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        kill.ArgumentList.Add("-s");
        kill.ArgumentList.Add(signal);
        kill.ArgumentList.Add("--");
        kill.ArgumentList.Add((-_process.Id).ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(kill)!;
        await process.WaitForExitAsync();
    }

    /// <summary>
    /// Stops a script still running (TERM, then KILL after a minute), then removes what a killed script could leave
    /// behind: its container, its nginx and its PostgreSQL.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && await StopAsync("TERM", TimeSpan.FromMinutes(1)) is null)
        {
            await SignalGroupAsync("KILL");
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await RemoveContainerAsync();
        if (NginxMasterPid() is { } nginx && IsNginxMaster(nginx))
        {
            using var master = Process.GetProcessById(nginx);
            master.Kill();
        }

        await StopPostgresAsync();
        _process.Dispose();
        _folder.Dispose();
    }

    private async Task RemoveContainerAsync()
    {
        using var docker = ConnectDocker();
        foreach (var id in await ContainerIdsAsync())
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
    }

    private async Task StopPostgresAsync()
    {
        var stop = new ProcessStartInfo("bash") { UseShellExecute = false };
        stop.ArgumentList.Add(Path.Combine(TestServices.RepositoryRoot, "tests", "infra", "stop-postgres.sh"));
        stop.ArgumentList.Add(Path.Combine(Folder, "pg"));
        using var process = Process.Start(stop)!;
        await process.WaitForExitAsync();
    }
}
