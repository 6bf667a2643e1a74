using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Faults.Tests;

/// <summary>
/// A running service with its timed worker, a real nginx, an auth stand-in that returns 204 and stand-in editors for
/// builds 101 and 102 on their sockets: everything a fault test breaks and then watches recover.
/// </summary>
internal sealed partial class FaultHarness : IAsyncDisposable
{
    /// <summary>The pass interval of the service under test.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a fault clears the service may take to serve again: the pass that may be running when the fault
    /// clears, then one interval, then the pass that recovers. The 2 s allowance covers those two passes.
    /// </summary>
    public static readonly TimeSpan RecoveryLimit = Interval + TimeSpan.FromSeconds(2);

    public const string Editor101 = "00101-17-0-vscode.runbot-host-1.example.com";
    public const string Editor102 = "00102-17-0-vscode.runbot-host-1.example.com";

    private readonly List<StubServer> _editors = [];
    private StubServer? _auth;
    private int _authPort;

    private FaultHarness()
    {
    }

    public NginxServer Nginx { get; } = new();

    public TestFolder BuildRoot { get; } = new("rvs-build");

    public ServiceHost Service { get; private set; } = null!;

    /// <summary>Gets the number of requests the stand-in editors served.</summary>
    public int EditorRequestCount => _editors.Sum(editor => editor.RequestCount);

    /// <summary>Starts the stand-ins; the service itself starts with <see cref="StartServiceAsync"/>.</summary>
    public static async Task<FaultHarness> CreateAsync()
    {
        var harness = new FaultHarness();
        harness._authPort = FreePort.Next();
        harness._auth = await StubServer.OnPortAsync("auth", harness._authPort, 204);
        foreach (var dest in new[] { "00101-17-0", "00102-17-0" })
        {
            var folder = Path.Combine(harness.BuildRoot.Path, dest, ".vscode-server");
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(Path.Combine(harness.BuildRoot.Path, dest), (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            harness._editors.Add(await StubServer.OnSocketAsync(dest, Path.Combine(folder, "code-server.sock")));
        }

        return harness;
    }

    /// <summary>
    /// Starts the service on <paramref name="connectionString"/> and waits for its first pass, which must apply a
    /// config. With <paramref name="withWorker"/> false, passes run only on demand and the first one runs here. With
    /// <paramref name="authByService"/>, nginx sends its auth subrequests to the service's own auth_check instead of the stand-in that allows everything.
    /// </summary>
    public async Task StartServiceAsync(string connectionString, Dictionary<string, string?>? overrides = null, bool withWorker = true, bool authByService = false)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Runbot:ConnectionString"] = connectionString,
            ["Runbot:HostName"] = "runbot-host-1.example.com",
            ["Nginx:ConfigPath"] = Nginx.ConfigPath,
            ["Nginx:MainConfigPath"] = Nginx.MainConfigPath,
            ["Nginx:Prefix"] = Nginx.Prefix,
            ["Nginx:PidFile"] = Nginx.PidFile,
            ["Nginx:Binary"] = TestServices.NginxBinary,
            ["Nginx:Listen"] = $"127.0.0.1:{Nginx.Port}",
            ["Nginx:AuthAddress"] = $"127.0.0.1:{(authByService ? port : _authPort)}",
            ["Nginx:TemplatePath"] = Path.Combine(TestServices.RepositoryRoot, "templates", "nginx", "vscode.conf.scriban"),
            ["Upstream:BuildRoot"] = BuildRoot.Path,
            ["Regen:Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            ["Http:ReadinessInterval"] = Interval.ToString("c", CultureInfo.InvariantCulture),
            ["CodeServer:LazyStart"] = "false",

            // No engine listens here unless a test starts its own, so containers of other tests cannot change the routes.
            ["Docker:Endpoint"] = $"unix://{BuildRoot.Combine("no-docker.sock")}",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        Service = await ServiceHost.StartAsync(port, settings, withWorker: withWorker);
        if (!withWorker)
        {
            await Service.Pass.RunAsync();
        }

        var watch = Stopwatch.StartNew();
        while (Service.Pass.LastResult is null && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        // The worker runs its first pass at start; later passes find nothing to change.
        var first = Service.Logs.WithEvent(EventIds.ConfigApplied);
        Assert.That(first, Has.Count.EqualTo(1), $"the first pass ended {Service.Pass.LastResult?.Outcome}: {Service.Pass.LastResult?.Message}");
    }

    /// <summary>
    /// Waits until a pass that started after this call ends with a result matching <paramref name="predicate"/>, and
    /// returns it with the time waited. Fails after <paramref name="timeout"/>, naming <paramref name="what"/>.
    /// </summary>
    public async Task<(Generation.PassResult Result, TimeSpan Waited)> WaitForPassAsync(Func<Generation.PassResult, bool> predicate, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        var seen = Service.Pass.LastResult;
        var startedAfterCall = false;
        var passesBefore = Service.Logs.WithEvent(EventIds.PassStarted).Count;
        while (watch.Elapsed < timeout)
        {
            // A pass already running when this was called may end with a stale result; skip until a later one starts.
            startedAfterCall |= Service.Logs.WithEvent(EventIds.PassStarted).Count > passesBefore;
            var last = Service.Pass.LastResult;
            if (last is not null && !ReferenceEquals(last, seen))
            {
                seen = last;
                if (startedAfterCall && predicate(last))
                {
                    return (last, watch.Elapsed);
                }
            }

            await Task.Delay(10);
        }

        Assert.Fail($"No pass ended with {what} within {timeout}; the last one ended {Service.Pass.LastResult?.Outcome}: {Service.Pass.LastResult?.Message}");
        throw new UnreachableException();
    }

    /// <summary>Asserts that nginx routes <paramref name="host"/> to the editor of <paramref name="dest"/>.</summary>
    public async Task AssertRoutedAsync(string host, string dest)
    {
        var (status, body) = await Nginx.GetTextAsync(host);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{host}: {body}");
        Assert.That(body, Does.StartWith($"upstream {dest} /"), host);
    }

    /// <summary>Waits until the result of the pass that is running now, or of the next one, differs from <paramref name="previous"/>.</summary>
    public async Task<Generation.PassResult> WaitForResultAfterAsync(Generation.PassResult? previous, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (ReferenceEquals(Service.Pass.LastResult, previous))
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"no pass ended within {timeout}");
            }

            await Task.Delay(10);
        }

        return Service.Pass.LastResult!;
    }

    /// <summary>
    /// Asserts that nginx still serves the last good config: the live file is <paramref name="config"/> byte for byte,
    /// no temporary or partial file is left, and <paramref name="editor"/> still reaches the editor of <paramref name="dest"/>.
    /// </summary>
    public async Task AssertLastGoodConfigServedAsync(byte[] config, string editor, string dest)
    {
        Assert.That(await File.ReadAllBytesAsync(Nginx.ConfigPath), Is.EqualTo(config), "the live config file");
        AssertNoLeftovers();
        await AssertRoutedAsync(editor, dest);
    }

    /// <summary>Asserts that the include folder holds only the generated file and the service's own dot files.</summary>
    public void AssertNoLeftovers()
    {
        var names = Directory.GetFiles(Nginx.IncludeFolder, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name != "filler")
            .Order(StringComparer.Ordinal);
        Assert.That(names, Is.EqualTo(new[] { ".runbot-vscode.conf.applied", ".runbot-vscode.conf.lock", "runbot-vscode.conf" }), "files in the include folder");
    }

    /// <summary>Returns the status and body of <c>/readyz</c>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ReadyzAsync()
    {
        using var response = await Service.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Reads the passes counter for <paramref name="outcome"/>; the registry is shared by the test process, so tests compare counts.</summary>
    public async Task<double> PassCountAsync(Generation.PassOutcome outcome) =>
        await ReadMetricAsync("runbotvscode_passes", "outcome", outcome.ToString()) ?? 0;

    /// <summary>Reads the <c>ready</c> gauge of <paramref name="check"/> from <c>/metrics</c>, or null when it has no series.</summary>
    public Task<double?> ReadyGaugeAsync(string check) => ReadMetricAsync("runbotvscode_ready", "check", check);

    /// <summary>Reads the first series of <paramref name="metric"/> whose <paramref name="label"/> is <paramref name="value"/> from <c>/metrics</c>, or null when there is none.</summary>
    private async Task<double?> ReadMetricAsync(string metric, string label, string value)
    {
        using var response = await Service.GetAsync("/metrics");
        var metrics = await response.Content.ReadAsStringAsync();
        var match = Regex.Match(metrics, $"{metric}[_a-z]*\\{{[^}}]*{label}=\"{value}\"[^}}]*\\}} ([0-9.]+)");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Waits until the readiness monitor, not a call to <c>/readyz</c>, sets the <c>ready</c> gauge of
    /// <paramref name="check"/> to <paramref name="expected"/>, and returns the time waited.
    /// </summary>
    public async Task<TimeSpan> WaitForReadyGaugeAsync(string check, double expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        double? value;
        while ((value = await ReadyGaugeAsync(check)) != expected)
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"the ready gauge of {check} stayed {value?.ToString(CultureInfo.InvariantCulture) ?? "absent"} for {timeout}, expected {expected}");
            }

            await Task.Delay(50);
        }

        return watch.Elapsed;
    }

    /// <summary>Runs <paramref name="fileName"/> with an argument array and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output + await error).Trim());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        foreach (var editor in _editors)
        {
            await editor.DisposeAsync();
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }

        Nginx.Dispose();
        BuildRoot.Dispose();
    }
}
