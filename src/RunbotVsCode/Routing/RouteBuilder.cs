using System.Net;
using System.Net.Sockets;
using System.Text;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Routing;

/// <summary>
/// Turns running builds into editor routes. Every value that reaches nginx config is checked here against a strict
/// pattern; a build that fails a check is left out with the reason, and the others are still routed.
/// </summary>
public sealed class RouteBuilder
{
    private const string SocketFolderInContainer = "/data/build";
    private const int MaxPrintedLength = 80;

    private readonly UpstreamOptions _upstream;

    /// <summary>Initializes the builder for the upstream mode in <paramref name="upstream"/>.</summary>
    public RouteBuilder(UpstreamOptions upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        _upstream = upstream;
    }

    /// <summary>
    /// Builds the routes of <paramref name="builds"/>. <paramref name="containers"/> contains what Docker reports per build id,
    /// or is empty when Docker was not asked or not reachable; the database's layer check then decides alone.
    /// </summary>
    public RouteTable Build(IReadOnlyList<RunningBuild> builds, RouteSettings settings, IReadOnlyDictionary<long, ContainerFacts> containers)
    {
        ArgumentNullException.ThrowIfNull(builds);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(containers);

        var routes = new List<BuildRoute>();
        var skipped = new List<SkippedBuild>();
        foreach (var build in builds.OrderBy(build => build.Id))
        {
            var facts = containers.GetValueOrDefault(build.Id);
            var result = TryRoute(build, settings, facts);
            if (result.Route is { } route)
            {
                routes.Add(route);
            }
            else
            {
                skipped.Add(result.Skipped!);
            }
        }

        return LeaveOutDuplicates(routes, skipped);
    }

    private (BuildRoute? Route, SkippedBuild? Skipped) TryRoute(RunningBuild build, RouteSettings settings, ContainerFacts? facts)
    {
        if (!build.HasCodeServerLayer && facts?.HasCodeServerLabel != true)
        {
            var dockerfile = build.DockerfileName is null ? "no Dockerfile" : $"Dockerfile {Printable(build.DockerfileName)}";
            return Skip(build, SkipReason.NotAttachable, $"{dockerfile} does not include the code-server layer and the image has no code-server label");
        }

        if (CheckServerName(build, settings, out var serverName) is { } invalid)
        {
            return (null, invalid);
        }

        // Runbot gives each build three ports; port + 2 carries code-server in HostPort mode.
        if (build.Port is not { } port || !NginxValues.IsPort(port) || !NginxValues.IsPort(port + 2L))
        {
            return Skip(build, SkipReason.InvalidPort, $"port {Printable(build.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture))} is not between 1 and 65533");
        }

        var upstream = Upstream(build, port, facts, out var problem);
        if (upstream is null)
        {
            return Skip(build, problem!.Value.Reason, problem.Value.Detail);
        }

        var openUrl = $"{settings.OpenBaseUrl}/runbot/vscode/{build.Id}";
        return (new BuildRoute(build.Id, build.Dest!, serverName, upstream, openUrl, settings.OriginOf(serverName)), null);
    }

    /// <summary>
    /// Checks the build's dest and host and returns null with the editor's server name <c>&lt;dest&gt;-&lt;suffix&gt;.&lt;host&gt;</c>
    /// in <paramref name="serverName"/>, or the reason the build cannot have one.
    /// </summary>
    public static SkippedBuild? CheckServerName(RunningBuild build, RouteSettings settings, out string serverName)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(settings);

        serverName = "";
        if (!NginxValues.IsDnsLabel(build.Dest))
        {
            return new SkippedBuild(build.Id, SkipReason.InvalidDest, $"dest {Printable(build.Dest)} is not a lowercase DNS label ([a-z0-9-], at most 63 characters)");
        }

        if (!NginxValues.IsHostName(build.Host))
        {
            return new SkippedBuild(build.Id, SkipReason.InvalidHost, $"host {Printable(build.Host)} is not a lowercase host name");
        }

        var label = $"{build.Dest}-{settings.Suffix}";
        var name = $"{label}.{build.Host}";
        if (label.Length > NginxValues.MaxLabelLength || name.Length > NginxValues.MaxHostNameLength)
        {
            return new SkippedBuild(build.Id, SkipReason.NameTooLong, $"server name {Printable(name)} has a label over 63 characters or exceeds 253 characters");
        }

        serverName = name;
        return null;
    }

    private string? Upstream(RunningBuild build, int port, ContainerFacts? facts, out (SkipReason Reason, string Detail)? problem)
    {
        problem = null;
        switch (_upstream.Mode)
        {
            case UpstreamMode.HostPort:
                return $"http://127.0.0.1:{port + 2}";

            case UpstreamMode.ContainerIp:
                if (facts?.BridgeAddress is { } address && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork
                    && ip.ToString() == address)
                {
                    return $"http://{address}:{_upstream.ContainerPort}";
                }

                problem = (SkipReason.NoContainerAddress, $"container {Printable(build.ContainerName)} has no known IPv4 address");
                return null;

            default:
                var socketPath = HostSocketPath(build.Dest!);
                if (Encoding.UTF8.GetByteCount(socketPath) > NginxValues.MaxSocketPathLength)
                {
                    problem = (SkipReason.NameTooLong, $"socket path {Printable(socketPath)} exceeds the unix limit of {NginxValues.MaxSocketPathLength} bytes; use a shorter Upstream:BuildRoot");
                    return null;
                }

                return $"http://unix:{socketPath}:";
        }
    }

    /// <summary>Returns where code-server's socket of the build <paramref name="dest"/> appears on the host.</summary>
    public string HostSocketPath(string dest)
    {
        var inBuild = _upstream.ContainerSocketPath[SocketFolderInContainer.Length..];
        return $"{_upstream.BuildRoot.TrimEnd('/')}/{dest}{inBuild}";
    }

    private static RouteTable LeaveOutDuplicates(List<BuildRoute> routes, List<SkippedBuild> skipped)
    {
        var duplicates = routes.GroupBy(route => route.Dest).Where(group => group.Count() > 1).ToDictionary(
            group => group.Key,
            group => string.Join(", ", group.Select(route => route.BuildId)));
        if (duplicates.Count == 0)
        {
            return new RouteTable(routes, skipped);
        }

        foreach (var route in routes.Where(route => duplicates.ContainsKey(route.Dest)))
        {
            skipped.Add(new SkippedBuild(route.BuildId, SkipReason.DuplicateDest, $"dest '{route.Dest}' is shared by running builds {duplicates[route.Dest]}"));
        }

        var kept = routes.Where(route => !duplicates.ContainsKey(route.Dest)).ToList();
        return new RouteTable(kept, [.. skipped.OrderBy(build => build.BuildId)]);
    }

    private static (BuildRoute?, SkippedBuild?) Skip(RunningBuild build, SkipReason reason, string detail) =>
        (null, new SkippedBuild(build.Id, reason, detail));

    /// <summary>Quotes a database value for a log line: control characters escaped, cut to a bounded length.</summary>
    public static string Printable(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }

        var builder = new StringBuilder("'");
        foreach (var c in value.Length > MaxPrintedLength ? value[..MaxPrintedLength] : value)
        {
            builder.Append(char.IsControl(c) || c == '\'' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        builder.Append(value.Length > MaxPrintedLength ? "'..." : "'");
        return builder.ToString();
    }
}
