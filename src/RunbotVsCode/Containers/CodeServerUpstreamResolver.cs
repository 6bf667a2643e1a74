using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Containers;

/// <summary>Works out where a build's code-server listens, as seen from the host, for the configured upstream mode.</summary>
internal sealed class CodeServerUpstreamResolver
{
    /// <summary>The folder where every build container mounts its build folder.</summary>
    internal const string ContainerBuildFolder = "/data/build";

    private readonly IOptions<UpstreamOptions> _options;

    public CodeServerUpstreamResolver(IOptions<UpstreamOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Gets the configured upstream mode.</summary>
    public UpstreamMode Mode => _options.Value.Mode;

    /// <summary>
    /// Returns the upstream of <paramref name="build"/>, or false with a sentence saying what is missing: the
    /// build's port in HostPort mode, the container's address in ContainerIp mode. The dest must have passed
    /// <see cref="BuildDest.IsValid"/>.
    /// </summary>
    public bool TryResolve(
        RunningBuild build,
        BuildContainer? container,
        [NotNullWhen(true)] out CodeServerUpstream? upstream,
        [NotNullWhen(false)] out string? problem)
    {
        var options = _options.Value;
        upstream = null;
        problem = null;

        switch (options.Mode)
        {
            case UpstreamMode.Socket:
                upstream = CodeServerUpstream.ForSocket(HostSocketPath(options, build.Dest!));
                return true;

            case UpstreamMode.HostPort when build.Port is { } port and > 0 and <= 65533:
                upstream = CodeServerUpstream.ForTcp(UpstreamMode.HostPort, "127.0.0.1", port + 2);
                return true;

            case UpstreamMode.HostPort:
                problem = $"Build {build.Id} has no valid port ({build.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}), so code-server's host port port+2 is unknown.";
                return false;

            case UpstreamMode.ContainerIp when container?.IpAddress is { } address:
                upstream = CodeServerUpstream.ForTcp(UpstreamMode.ContainerIp, address, options.ContainerPort);
                return true;

            default:
                problem = $"The address of build {build.Id}'s container is unknown: the Docker engine did not respond or the container has no network address.";
                return false;
        }
    }

    /// <summary>
    /// Maps <see cref="UpstreamOptions.ContainerSocketPath"/>, which lies under <c>/data/build</c>, to the same
    /// file in the build's folder on the host.
    /// </summary>
    internal static string HostSocketPath(UpstreamOptions options, string dest)
    {
        var relative = options.ContainerSocketPath[ContainerBuildFolder.Length..].TrimStart('/');
        return Path.Combine(options.BuildRoot, dest, relative);
    }
}
