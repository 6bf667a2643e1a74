namespace RunbotVsCode.Runbot;

/// <summary>The columns of one running build, as the read model's query returns them.</summary>
internal sealed class BuildRow
{
    public int Id { get; init; }

    public string? Dest { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? StepName { get; init; }

    public string? VersionName { get; init; }

    public int? DockerfileId { get; init; }

    public DateTime? JobStart { get; init; }

    public string? LocalState { get; init; }
}
