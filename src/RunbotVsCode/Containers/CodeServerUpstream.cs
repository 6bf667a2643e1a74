using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers;

/// <summary>Where nginx reaches a build's code-server: a unix socket on the host, or a TCP host and port.</summary>
/// <param name="Mode">The upstream mode this address belongs to.</param>
/// <param name="SocketPath">The host path of code-server's unix socket in <see cref="UpstreamMode.Socket"/> mode, else null.</param>
/// <param name="Host">The IP address to connect to in the TCP modes, else null.</param>
/// <param name="Port">The TCP port in the TCP modes, else null.</param>
public sealed record CodeServerUpstream(UpstreamMode Mode, string? SocketPath, string? Host, int? Port)
{
    /// <summary>Gets the address as nginx's <c>proxy_pass</c> and <c>server</c> directives write it.</summary>
    public string NginxAddress => SocketPath is not null ? $"unix:{SocketPath}" : $"{Host}:{Port}";

    /// <summary>Creates the address of a unix socket on the host.</summary>
    public static CodeServerUpstream ForSocket(string socketPath) => new(UpstreamMode.Socket, socketPath, null, null);

    /// <summary>Creates a TCP address.</summary>
    public static CodeServerUpstream ForTcp(UpstreamMode mode, string host, int port) => new(mode, null, host, port);

    /// <inheritdoc/>
    public override string ToString() => NginxAddress;
}
