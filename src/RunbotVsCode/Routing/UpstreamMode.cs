namespace RunbotVsCode.Routing;

/// <summary>How nginx reaches a build's code-server.</summary>
public enum UpstreamMode
{
    /// <summary>A unix socket in the build folder, <c>&lt;BuildRoot&gt;/&lt;dest&gt;/.vscode-server/code-server.sock</c>.</summary>
    Socket,

    /// <summary>The host port <c>port + 2</c>, published by the container for its port 8071.</summary>
    HostPort,

    /// <summary>The container's bridge address, port 8071.</summary>
    ContainerIp,
}
