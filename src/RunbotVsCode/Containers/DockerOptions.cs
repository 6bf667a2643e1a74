namespace RunbotVsCode.Containers;

/// <summary>Settings of the <c>Docker</c> section: how the service reaches the Docker Engine API.</summary>
public sealed class DockerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Docker";

    /// <summary>Gets or sets the Docker Engine endpoint. Default <c>unix:///var/run/docker.sock</c>.</summary>
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>Gets or sets the timeout of one Docker Engine API request. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
