using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Nginx;

/// <summary>Runs the nginx binary with argument arrays and signals its master through the pid file.</summary>
public sealed partial class NginxProcess : INginxControl
{
    private const int SignalHangUp = 1;
    private const string MasterTitle = "nginx: master process";
    private static readonly TimeSpan WorkerPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly NginxOptions _options;
    private readonly ILogger<NginxProcess> _logger;

    /// <summary>Initializes the controller from the <c>Nginx</c> settings.</summary>
    public NginxProcess(IOptions<NginxOptions> options, ILogger<NginxProcess> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<NginxTestResult> TestAsync(CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await RunAsync(["-t", "-q", "-p", _options.Prefix, "-c", _options.MainConfigPath], cancellationToken);
        return new NginxTestResult(exitCode == 0, output);
    }

    /// <inheritdoc />
    public bool IsMasterRunning() => ReadMasterPid() is not null;

    /// <inheritdoc />
    public async Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken = default)
    {
        if (ReadMasterPid() is { } pid)
        {
            var oldWorkers = WorkerPids(pid);
            if (Kill(pid, SignalHangUp) != 0)
            {
                throw new NginxException($"Sending SIGHUP to nginx master {pid} failed with errno {Marshal.GetLastPInvokeError()}; check that this service runs as the user that owns nginx.");
            }

            await WaitForNewWorkersAsync(pid, oldWorkers, cancellationToken);
            Log.Reloaded(_logger, pid);
            return ReloadOutcome.Signaled;
        }

        if (!_options.StartIfStopped)
        {
            throw new NginxException($"No nginx master runs under pid file {_options.PidFile}, and Nginx:StartIfStopped is false; start nginx.");
        }

        var (exitCode, output) = await RunAsync(["-p", _options.Prefix, "-c", _options.MainConfigPath], cancellationToken);
        if (exitCode != 0)
        {
            throw new NginxException($"Starting nginx failed with exit code {exitCode}: {output}");
        }

        Log.Started(_logger, _options.MainConfigPath);
        return ReloadOutcome.Started;
    }

    /// <summary>
    /// Waits until the master has started workers on the new config and the old workers have stopped accepting
    /// connections, so that when a pass reports a change as applied, every new connection gets the new config.
    /// </summary>
    private async Task WaitForNewWorkersAsync(int masterPid, HashSet<int> oldWorkers, CancellationToken cancellationToken)
    {
        // The pass waits here rather than returning early, so the next pass never sends another SIGHUP while the master
        // is still reading a large config.
        var deadline = DateTime.UtcNow + _options.ReloadTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var workers = WorkerPids(masterPid);
            var started = workers.Except(oldWorkers).Any();
            var oldAccepting = oldWorkers.Any(pid => workers.Contains(pid) && !IsShuttingDown(pid));
            if (started && !oldAccepting)
            {
                return;
            }

            await Task.Delay(WorkerPollInterval, cancellationToken);
        }

        throw new NginxException($"nginx master {masterPid} started no workers on the new config within {_options.ReloadTimeout} (Nginx:ReloadTimeout); see its error log.");
    }

    /// <summary>Returns the pids of the processes whose parent is <paramref name="masterPid"/>, read from <c>/proc</c>.</summary>
    private static HashSet<int> WorkerPids(int masterPid)
    {
        var workers = new HashSet<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ParentPid(pid) == masterPid)
            {
                workers.Add(pid);
            }
        }

        return workers;
    }

    private static int? ParentPid(int pid)
    {
        try
        {
            // The stat line is "pid (comm) state ppid ..."; comm may hold spaces or parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsShuttingDown(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("shutting down", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Returns the pid in the pid file when it names a live nginx master, otherwise null.</summary>
    private int? ReadMasterPid()
    {
        string text;
        try
        {
            text = File.ReadAllText(_options.PidFile).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1)
        {
            return null;
        }

        // A stale pid file can name a pid the kernel reused for another program: signal only an nginx master.
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.StartsWith(MasterTitle, StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new NginxException($"nginx binary '{_options.Binary}' cannot be run: {exception.Message}. Set Nginx:Binary to its path.", exception);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommandTimeout);

        // nginx forks its master and the parent exits; the child keeps the pipes open, so read to the parent's exit only.
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new NginxException($"nginx {string.Join(' ', arguments)} timed out after {_options.CommandTimeout}.");
        }

        var text = await ReadUntilAsync(error, TimeSpan.FromSeconds(1)) + await ReadUntilAsync(output, TimeSpan.FromSeconds(1));
        return (process.ExitCode, text.Trim());
    }

    private static async Task<string> ReadUntilAsync(Task<string> read, TimeSpan limit)
    {
        var finished = await Task.WhenAny(read, Task.Delay(limit));
        return finished == read ? await read : "";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
