namespace RunbotVsCode.Routing;

/// <summary>What Docker reports about a build's container, when Docker could be asked.</summary>
/// <param name="HasCodeServerLabel">Whether the container's image carries the code-server label, which makes it attachable.</param>
/// <param name="BridgeAddress">The container's IPv4 address on its network, for ContainerIp mode.</param>
public sealed record ContainerFacts(bool HasCodeServerLabel, string? BridgeAddress);
