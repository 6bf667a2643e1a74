using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using Docker.DotNet;
using Docker.DotNet.Models;
using RunbotVsCode.Infrastructure;

namespace RunbotVsCode.Containers.Tests;

/// <summary>
/// The whole product in each upstream mode: PostgreSQL with the sample runbot rows, the service's endpoints with
/// its real launcher and Docker facts, a real nginx running the generated config, and a real container of build 101
/// made as runbot makes it, in which the exchange starts the stand-in code-server with <c>docker exec</c>.
/// </summary>
[TestFixture]
[SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class UpstreamModesNginxTests
{
    private const long BuildId = 101;
    private const string Dest = "00101-17-0";
    private const string ContainerName = Dest + "_run";
    private const string Editor = Dest + "-vscode.runbot-host-1.example.com";
    private const string OpenUrl = "https://runbot.example.com/runbot/vscode/101";

    /// <summary>The uid:gid runbot's user has on the host and in the container; the build folder belongs to it.</summary>
    private const string RunbotOwner = "1000:1000";

    /// <summary>The sample admin (user 2) and nine more internal users, so 50 opens stay under the open-loop limit of each user.</summary>
    private static readonly long[] InternalUsers = [2, 10, 11, 12, 13, 14, 15, 16, 17, 18];

    /// <summary>How many opens of build 101 the parallel test sends at once, as a team opening one build does.</summary>
    private const int ParallelOpens = 50;

    private DockerClient _docker = null!;
    private TestInstallation _installation = null!;
    private OdooStub _odoo = null!;
    private ServiceHost? _service;
    private string? _containerId;
    private string? _placeholderId;
    private int _port;

    [OneTimeSetUp]
    public async Task ConnectAsync() => _docker = await DockerTestEnvironment.ConnectAsync();

    [OneTimeTearDown]
    public void Disconnect() => _docker?.Dispose();

    [SetUp]
    public async Task SetUpAsync()
    {
        _installation = await TestInstallation.CreateAsync("rvs-modes");
        _odoo = await OdooStub.StartAsync();
        foreach (var userId in InternalUsers)
        {
            _odoo.AddSession(SessionOf(userId), userId, $"user{userId}");
        }

        await AddInternalUsersAsync();
        _port = FreePort.NextRun(3);
        await _installation.Database.ExecuteAsync($"UPDATE runbot_build SET port = {_port} WHERE id = {BuildId}");
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        // The container goes first, so a failed test leaves no container using the name, and the rest goes even
        // when its removal fails.
        try
        {
            foreach (var id in new[] { _containerId, _placeholderId }.OfType<string>())
            {
                await _docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
            }

            _containerId = null;
            _placeholderId = null;
        }
        finally
        {
            if (_service is not null)
            {
                await _service.DisposeAsync();
                _service = null;
            }

            await _odoo.DisposeAsync();
            await _installation.DisposeAsync();
        }
    }

    [TestCase("Socket")]
    [TestCase("HostPort")]
    [TestCase("ContainerIp")]
    public async Task OpenExchange_RealContainer_ReachesCodeServer(string mode)
    {
        await StartContainerAsync(mode);
        await StartServiceAsync(mode);

        var cookie = await OpenAndExchangeAsync(2);
        using var editor = await _installation.Nginx.GetAsync(Editor, "/", new Dictionary<string, string> { ["Cookie"] = $"theme=dark; {cookie}" });
        var body = await editor.Content.ReadAsStringAsync();
        var webSocket = await RawHttp.WebSocketHandshakeAsync(_installation.Nginx.Port, Editor, $"http://{Editor}", cookie);

        Assert.That(File.ReadAllText(_installation.Nginx.ConfigPath), Does.Contain($"set $runbot_vscode_upstream \"{await ExpectedUpstreamAsync(mode)}\";"));
        Assert.That(editor.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("<h1>code-server stand-in</h1>"));
        Assert.That(editor.Headers.GetValues("X-Seen-Cookie").Single(), Is.EqualTo("theme=dark"));
        Assert.That(webSocket, Is.EqualTo(101));
        Assert.That(await CountCodeServersAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Pass_ContainerIpMode_RoutesToBridgeAddress()
    {
        await StartContainerAsync("ContainerIp");
        var address = await BridgeAddressAsync();

        await StartServiceAsync("ContainerIp");
        var config = await File.ReadAllTextAsync(_installation.Nginx.ConfigPath);

        Assert.That(address, Does.Match(@"^\d+\.\d+\.\d+\.\d+$"));
        Assert.That(config, Does.Contain($"set $runbot_vscode_upstream \"http://{address}:8071\";"));
        Assert.That(config, Does.Not.Contain("http://unix:").And.Not.Contain($"http://127.0.0.1:{_port + 2}"));
    }

    [Test]
    public async Task Exchange_SocketMode_WorkersReachSocket()
    {
        await StartContainerAsync("Socket");
        await StartServiceAsync("Socket");
        var socket = _installation.BuildRoot.Combine(Dest, ".vscode-server", "code-server.sock");

        var cookie = await OpenAndExchangeAsync(2);
        using var editor = await _installation.Nginx.GetAsync(Editor, "/", new Dictionary<string, string> { ["Cookie"] = cookie });

        // The default CodeServer:SocketMode 666 on a socket made by the container's uid 1000, in folders that uid made
        // with the container's umask, is what lets nginx's workers (nobody here, www-data on Debian) connect.
        Assert.That(editor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(File.ReadAllText(_installation.Nginx.ConfigPath), Does.Contain($"set $runbot_vscode_upstream \"http://unix:{socket}:\";"));
        Assert.That(await RunAsync("stat", "--format=%F", socket), Is.EqualTo("socket\n"));
        Assert.That(File.GetUnixFileMode(socket) & AllPermissions, Is.EqualTo((UnixFileMode)0b110_110_110));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(socket)!) & UnixFileMode.OtherExecute, Is.EqualTo(UnixFileMode.OtherExecute));
        Assert.That(NginxWorkerUids(), Is.Not.Empty.And.All.Not.EqualTo(0));
    }

    [TestCase("Socket")]
    [TestCase("HostPort")]
    [TestCase("ContainerIp")]
    public async Task OpenExchange_FiftyAtOnce_StartOneCodeServer(string mode)
    {
        await StartContainerAsync(mode);
        await StartServiceAsync(mode);
        var users = Enumerable.Range(0, ParallelOpens).Select(open => InternalUsers[open % InternalUsers.Length]);

        // Each of the 50 opens its own ticket and exchanges it through nginx at once; the exchange is what starts code-server.
        var started = Stopwatch.StartNew();
        var exchanges = await Task.WhenAll(users.Select(userId => Task.Run(async () =>
        {
            var location = await OpenAsync(userId);
            return await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);
        })));
        started.Stop();
        TestContext.Progress.WriteLine($"{mode}: {ParallelOpens} concurrent opens and exchanges through nginx took {started.ElapsedMilliseconds} ms");

        try
        {
            Assert.That(exchanges.Select(response => response.StatusCode), Is.All.EqualTo(HttpStatusCode.SeeOther));
            Assert.That(exchanges.Select(response => response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : ""), Is.All.StartWith("runbot_vscode="));
            Assert.That(await CountCodeServersAsync(), Is.EqualTo(1));
            var starts = _service!.Logs.Entries.Where(entry => entry.EventId.Name == "CodeServerStarted").ToList();
            Assert.That(starts, Has.Count.EqualTo(1));
            TestContext.Progress.WriteLine($"{mode}: code-server responded {starts[0].State["TimeToReadyMs"]} ms after the first exchange asked for it");
        }
        finally
        {
            foreach (var response in exchanges)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task Exchange_ContainerIpRestartedOnNewAddress_ReachesCodeServer()
    {
        await StartContainerAsync("ContainerIp");
        await StartServiceAsync("ContainerIp");
        var oldAddress = await BridgeAddressAsync();

        // Runbot restarts a build's container when it wakes the build up. Another container that started meanwhile
        // takes the old address, so the routed address now leads to a container without code-server.
        await _docker.Containers.StopContainerAsync(_containerId, new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        _placeholderId = (await _docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerTestEnvironment.LabelledImage,
            Name = $"rvs-modes-placeholder-{Guid.NewGuid():N}",
            Cmd = ["sleep", "infinity"],
        })).ID;
        await _docker.Containers.StartContainerAsync(_placeholderId, new ContainerStartParameters());
        await _docker.Containers.StartContainerAsync(_containerId, new ContainerStartParameters());
        var newAddress = await BridgeAddressAsync();
        Assume.That(newAddress, Is.Not.EqualTo(oldAddress), "The restarted container got its old address back, so there is nothing to re-route.");

        var cookie = await OpenAndExchangeAsync(2);
        using var editor = await _installation.Nginx.GetAsync(Editor, "/", new Dictionary<string, string> { ["Cookie"] = cookie });

        Assert.That(editor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await editor.Content.ReadAsStringAsync(), Does.Contain("<h1>code-server stand-in</h1>"));
        Assert.That(File.ReadAllText(_installation.Nginx.ConfigPath), Does.Contain($"set $runbot_vscode_upstream \"http://{newAddress}:8071\";"));
    }

    [TestCase("Socket")]
    [TestCase("HostPort")]
    [TestCase("ContainerIp")]
    public async Task Exchange_ContainerStopped_ShowsAsleepPage(string mode)
    {
        await StartContainerAsync(mode);
        await StartServiceAsync(mode);
        var location = await OpenAsync(2);

        await _docker.Containers.StopContainerAsync(_containerId, new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        using var exchange = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);
        var body = await exchange.Content.ReadAsStringAsync();

        Assert.That(exchange.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(body, Does.Contain("This build is asleep"));
        Assert.That(body, Does.Contain($"href=\"{OpenUrl}\""));
        Assert.That(exchange.Headers.Contains("Set-Cookie"), Is.False);
    }

    /// <summary>Returns the upstream the generated config must send the editor's requests to in <paramref name="mode"/>.</summary>
    private async Task<string> ExpectedUpstreamAsync(string mode) => mode switch
    {
        "Socket" => $"http://unix:{_installation.BuildRoot.Combine(Dest, ".vscode-server", "code-server.sock")}:",
        "HostPort" => $"http://127.0.0.1:{_port + 2}",
        _ => $"http://{await BridgeAddressAsync()}:8071",
    };

    /// <summary>Returns the container's IPv4 address on its network, as Docker reports it.</summary>
    private async Task<string> BridgeAddressAsync()
    {
        var inspected = await _docker.Containers.InspectContainerAsync(_containerId);
        return inspected.NetworkSettings.Networks.Values.Select(network => network.IPAddress).Single(address => !string.IsNullOrEmpty(address));
    }

    private static UnixFileMode AllPermissions => (UnixFileMode)0b111_111_111;

    private static string SessionOf(long userId) => $"session-of-user-{userId}-0123456789";

    private async Task AddInternalUsersAsync()
    {
        foreach (var userId in InternalUsers.Where(id => id != 2))
        {
            await _installation.Database.ExecuteAsync($"""
                INSERT INTO res_partner (id, name, complete_name, email, active, company_id, type, is_company, partner_share, create_date, write_date)
                VALUES ({userId}, 'User {userId}', 'User {userId}', 'user{userId}@example.com', true, 1, 'contact', false, false, now(), now());
                INSERT INTO res_users (id, login, partner_id, company_id, active, share, notification_type, create_date, write_date)
                VALUES ({userId}, 'user{userId}', {userId}, 1, true, false, 'inbox', now(), now());
                INSERT INTO res_groups_users_rel (gid, uid) VALUES (1, {userId}), (5, {userId});
                """);
        }
    }

    /// <summary>
    /// Creates and starts build 101's container as runbot does: named <c>00101-17-0_run</c>, the build folder owned by
    /// runbot's uid and mounted at <c>/data/build</c>, running as that uid, with 8069 and 8070 published on the
    /// build's port and port+1, and 8071 on port+2 only in HostPort mode.
    /// </summary>
    private async Task StartContainerAsync(string mode)
    {
        var buildFolder = _installation.BuildRoot.Combine(Dest);
        Directory.CreateDirectory(buildFolder);
        File.SetUnixFileMode(buildFolder, (UnixFileMode)0b111_101_101);
        await RunAsync("chown", RunbotOwner, buildFolder);

        var exposed = new Dictionary<string, EmptyStruct> { ["8069/tcp"] = default, ["8070/tcp"] = default, ["8071/tcp"] = default };
        var published = new Dictionary<string, IList<PortBinding>>
        {
            ["8069/tcp"] = [Loopback(_port)],
            ["8070/tcp"] = [Loopback(_port + 1)],
        };
        if (mode == "HostPort")
        {
            published["8071/tcp"] = [Loopback(_port + 2)];
        }

        var parameters = new CreateContainerParameters
        {
            Image = DockerTestEnvironment.LabelledImage,
            Name = ContainerName,
            User = DockerTestEnvironment.ContainerUser,
            Cmd = ["sleep", "infinity"],
            ExposedPorts = exposed,
            HostConfig = new HostConfig { Binds = [$"{buildFolder}:/data/build"], PortBindings = published },
        };

        _containerId = (await CreateWhenNameFreeAsync(parameters)).ID;
        await _docker.Containers.StartContainerAsync(_containerId, new ContainerStartParameters());
    }

    /// <summary>
    /// Creates the container, waiting up to two minutes while another test run on the same engine uses the name.
    /// </summary>
    private async Task<CreateContainerResponse> CreateWhenNameFreeAsync(CreateContainerParameters parameters)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return await _docker.Containers.CreateContainerAsync(parameters);
            }
            catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline)
            {
                TestContext.Progress.WriteLine($"Container {ContainerName} exists already; waiting for its owner to remove it.");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private async Task StartServiceAsync(string mode)
    {
        var port = FreePort.Next();
        var settings = _installation.Settings(port);
        settings["Upstream:Mode"] = mode;
        settings["Routing:Scheme"] = "http";
        settings["Runbot:OdooUrl"] = _odoo.Url;
        settings["Docker:Endpoint"] = DockerTestEnvironment.Endpoint;
        _service = await ServiceHost.StartAsync(port, settings);

        var pass = await _service.Pass.RunAsync();
        Assert.That(pass.Succeeded, Is.True, pass.Message);
        Assert.That(File.ReadAllText(_installation.Nginx.ConfigPath), Does.Contain($"server_name {Editor};"));
    }

    /// <summary>Opens build 101 with the Odoo session of <paramref name="userId"/> and returns the exchange address.</summary>
    private async Task<Uri> OpenAsync(long userId)
    {
        var headers = new Dictionary<string, string> { ["Cookie"] = $"session_id={SessionOf(userId)}" };
        using var open = await _service!.GetAsync($"/runbot/vscode/{BuildId}", headers);

        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await open.Content.ReadAsStringAsync());
        var location = open.Headers.Location!;
        Assert.That(location.Host, Is.EqualTo(Editor));
        return location;
    }

    /// <summary>Opens build 101, exchanges the ticket through nginx and returns the access cookie as <c>name=value</c>.</summary>
    private async Task<string> OpenAndExchangeAsync(long userId)
    {
        var location = await OpenAsync(userId);
        using var exchange = await _installation.Nginx.GetAsync(location.Host, location.PathAndQuery);

        Assert.That(exchange.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await exchange.Content.ReadAsStringAsync());
        return exchange.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>Counts the stand-in code-server processes in the container, as CodeServerLauncherTests does.</summary>
    private async Task<int> CountCodeServersAsync()
    {
        var output = await DockerTestEnvironment.ExecAsync(_docker, _containerId!, "pgrep", "-c", "-f", "^/usr/bin/python3 /usr/bin/code-server");
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the uids of the test nginx's worker processes, read from /proc.</summary>
    private List<int> NginxWorkerUids()
    {
        var master = _installation.Nginx.MasterPid() ?? throw new InvalidOperationException("nginx is not running.");
        var children = File.ReadAllText($"/proc/{master}/task/{master}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return [.. children.Select(pid => File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)))
            .Select(line => int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))];
    }

    private static PortBinding Loopback(int port) => new() { HostIP = "127.0.0.1", HostPort = port.ToString(CultureInfo.InvariantCulture) };



    /// <summary>Runs a program on the host with an argument array and returns its standard output.</summary>
    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"{program} failed: {error}");
        return await output;
    }
}
