using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers.Tests;

public sealed class CodeServerUpstreamResolverTests
{
    private static readonly RunningBuild Build = new(101, "00101-17-0", "runbot.localhost", 2000, "run", "17.0", 1, "DockerDefault", "odoo:DockerDefault", true, null);
    private static readonly BuildContainer Container = new("abc", "00101-17-0_run", true, "1000", "sha256:1", "4.99.0", "172.17.0.5");

    [Test]
    public void TryResolve_Socket_MapsContainerPathIntoBuildFolder()
    {
        var resolver = Create(new UpstreamOptions { Mode = UpstreamMode.Socket, BuildRoot = "/srv/runbot/static/build" });

        var resolved = resolver.TryResolve(Build, null, out var upstream, out _);

        Assert.That(resolved, Is.True);
        Assert.That(upstream!.SocketPath, Is.EqualTo("/srv/runbot/static/build/00101-17-0/.vscode-server/code-server.sock"));
    }

    [Test]
    public void TryResolve_HostPort_UsesPortPlusTwoOnLoopback()
    {
        var resolver = Create(new UpstreamOptions { Mode = UpstreamMode.HostPort });

        resolver.TryResolve(Build, null, out var upstream, out _);

        Assert.That(upstream!.NginxAddress, Is.EqualTo("127.0.0.1:2002"));
    }

    [TestCase(null)]
    [TestCase(0)]
    [TestCase(65534)]
    public void TryResolve_HostPortWithoutValidPort_Fails(int? port)
    {
        var resolver = Create(new UpstreamOptions { Mode = UpstreamMode.HostPort });

        var resolved = resolver.TryResolve(Build with { Port = port }, Container, out _, out var problem);

        Assert.That(resolved, Is.False);
        Assert.That(problem, Does.Contain("101"));
    }

    [Test]
    public void TryResolve_ContainerIp_UsesContainerAddressAndPort()
    {
        var resolver = Create(new UpstreamOptions { Mode = UpstreamMode.ContainerIp, ContainerPort = 8071 });

        resolver.TryResolve(Build, Container, out var upstream, out _);

        Assert.That(upstream!.NginxAddress, Is.EqualTo("172.17.0.5:8071"));
    }

    [Test]
    public void TryResolve_ContainerIpWithoutContainer_Fails()
    {
        var resolver = Create(new UpstreamOptions { Mode = UpstreamMode.ContainerIp });

        var resolved = resolver.TryResolve(Build, null, out _, out var problem);

        Assert.That(resolved, Is.False);
        Assert.That(problem, Is.Not.Empty);
    }

    private static CodeServerUpstreamResolver Create(UpstreamOptions options) => new(Options.Create(options));
}
