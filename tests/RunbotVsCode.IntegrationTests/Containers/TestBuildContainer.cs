using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Docker.DotNet;
using Docker.DotNet.Models;
using RunbotVsCode.Infrastructure;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers.Tests;

/// <summary>
/// A build container made as runbot makes one: named <c>&lt;dest&gt;_run</c>, the build folder mounted at
/// <c>/data/build</c>, running as a non-root uid, with 8069, 8070 and 8071 published on 127.0.0.1 at port,
/// port+1 and port+2.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TestBuildContainer
{
    private TestBuildContainer(long buildId, string dest, string id, string buildFolder, int port)
    {
        BuildId = buildId;
        Dest = dest;
        Id = id;
        BuildFolder = buildFolder;
        Port = port;
    }

    public long BuildId { get; }

    public string Dest { get; }

    public string Id { get; }

    public string Name => $"{Dest}_run";

    /// <summary>Gets the build folder on the host, mounted at <c>/data/build</c>.</summary>
    public string BuildFolder { get; }

    public int Port { get; }

    /// <summary>Creates and starts a container of <paramref name="image"/> for a new build folder under <paramref name="buildRoot"/>.</summary>
    public static async Task<TestBuildContainer> StartAsync(
        IDockerClient client,
        string image,
        string buildRoot,
        IDictionary<string, string>? environment = null)
    {
        var buildId = Random.Shared.NextInt64(10_000, 99_999);
        var dest = string.Create(CultureInfo.InvariantCulture, $"{buildId:D5}-17-0");
        var buildFolder = Path.Combine(buildRoot, dest);
        Directory.CreateDirectory(buildFolder);

        // The container runs as uid 1000, which may not own the folder the tests created.
        File.SetUnixFileMode(buildFolder, (UnixFileMode)0b111_111_111);

        var port = FreePort.NextRun(3);
        var parameters = new CreateContainerParameters
        {
            Image = image,
            Name = $"{dest}_run",
            User = DockerTestEnvironment.ContainerUser,
            Cmd = ["sleep", "infinity"],
            Env = environment?.Select(pair => $"{pair.Key}={pair.Value}").ToList(),
            ExposedPorts = new Dictionary<string, EmptyStruct> { ["8069/tcp"] = default, ["8070/tcp"] = default, ["8071/tcp"] = default },
            HostConfig = new HostConfig
            {
                Binds = [$"{buildFolder}:/data/build"],
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    ["8069/tcp"] = [Loopback(port)],
                    ["8070/tcp"] = [Loopback(port + 1)],
                    ["8071/tcp"] = [Loopback(port + 2)],
                },
            },
        };

        var created = await client.Containers.CreateContainerAsync(parameters).ConfigureAwait(false);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters()).ConfigureAwait(false);
        return new TestBuildContainer(buildId, dest, created.ID, buildFolder, port);
    }

    /// <summary>Returns the build as the runbot database would report it.</summary>
    public RunningBuild ToRunningBuild(bool hasCodeServerLayer = false) =>
        new(BuildId, Dest, "runbot.localhost", Port, "run", "17.0", 1, "DockerDefault", "odoo:DockerDefault", hasCodeServerLayer, DateTime.UtcNow);

    /// <summary>Returns how many stand-in code-server processes run in the container.</summary>
    public async Task<int> CountCodeServersAsync(IDockerClient client)
    {
        var output = await DockerTestEnvironment.ExecAsync(client, Id, "pgrep", "-c", "-f", "^/usr/bin/python3 /usr/bin/code-server").ConfigureAwait(false);
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    public Task RemoveAsync(IDockerClient client) =>
        client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true });

    private static PortBinding Loopback(int port) =>
        new() { HostIP = "127.0.0.1", HostPort = port.ToString(CultureInfo.InvariantCulture) };


}
