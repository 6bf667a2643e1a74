namespace RunbotVsCode.Containers;

/// <summary>A code-server this process found running or started, with the time of its last request.</summary>
internal sealed class ActiveCodeServer
{
    private long _lastActivityTicks;

    public ActiveCodeServer(long buildId, string containerId, string? user, CodeServerUpstream upstream, DateTimeOffset now)
    {
        BuildId = buildId;
        ContainerId = containerId;
        User = user;
        Upstream = upstream;
        _lastActivityTicks = now.UtcTicks;
    }

    public long BuildId { get; }

    public string ContainerId { get; }

    /// <summary>Gets the user code-server runs as, which the stop command must run as too; null means the container's user.</summary>
    public string? User { get; }

    public CodeServerUpstream Upstream { get; }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);
}
