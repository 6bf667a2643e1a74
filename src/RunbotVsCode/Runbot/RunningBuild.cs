namespace RunbotVsCode.Runbot;

/// <summary>
/// A build in <c>local_state = 'running'</c> on this host, as read from runbot's database.
/// Values are raw database strings: validate them before they reach nginx or a shell.
/// </summary>
/// <param name="Id">The <c>runbot_build.id</c>.</param>
/// <param name="Dest">The build's <c>dest</c>, such as <c>00101-17-0</c>; may be NULL in runbot's data.</param>
/// <param name="Host">The builder's host name (<c>runbot_build.host</c>).</param>
/// <param name="Port">The first host port runbot gave the build; 8069 maps to it, 8070 to the next.</param>
/// <param name="StepName">The name of the build's active step, which names its container <c>&lt;dest&gt;_&lt;step&gt;</c>.</param>
/// <param name="VersionName">The Odoo version name (<c>17.0</c>, <c>master</c>).</param>
/// <param name="DockerfileId">The params' Dockerfile id, when set.</param>
/// <param name="DockerfileName">The params' Dockerfile name, when set.</param>
/// <param name="ImageTag">The Dockerfile's image tag, such as <c>odoo:DockerDefault</c>.</param>
/// <param name="HasCodeServerLayer">Whether the Dockerfile includes the code-server layer by any path runbot renders.</param>
/// <param name="StartedAt">When the build's current step started (UTC), when known.</param>
public sealed record RunningBuild(
    long Id,
    string? Dest,
    string? Host,
    int? Port,
    string? StepName,
    string? VersionName,
    long? DockerfileId,
    string? DockerfileName,
    string? ImageTag,
    bool HasCodeServerLayer,
    DateTime? StartedAt)
{
    /// <summary>
    /// Gets the container name runbot gives this build's active step: <c>&lt;dest&gt;_&lt;step&gt;</c> with every
    /// character outside <c>[a-zA-Z0-9_.-]</c> removed, or null when dest or step is missing.
    /// </summary>
    public string? ContainerName => Dest is null || StepName is null ? null : ContainerNames.Sanitize($"{Dest}_{StepName}");
}
