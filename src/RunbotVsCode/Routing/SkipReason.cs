namespace RunbotVsCode.Routing;

/// <summary>Why a running build has no editor route.</summary>
public enum SkipReason
{
    /// <summary>The build's Dockerfile does not render the code-server layer.</summary>
    NotAttachable,

    /// <summary>The dest is missing or not a lowercase DNS label.</summary>
    InvalidDest,

    /// <summary>The host is missing or not a lowercase host name.</summary>
    InvalidHost,

    /// <summary>The port is missing or out of range for the upstream mode.</summary>
    InvalidPort,

    /// <summary>Another running build of the host has the same dest.</summary>
    DuplicateDest,

    /// <summary>The server name or socket path would exceed DNS or unix socket limits.</summary>
    NameTooLong,

    /// <summary>The container's bridge address is not known (ContainerIp mode).</summary>
    NoContainerAddress,
}
