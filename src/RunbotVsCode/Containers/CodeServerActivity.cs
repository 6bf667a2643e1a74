using System.Collections.Concurrent;

namespace RunbotVsCode.Containers;

/// <summary>The code-servers this process started or found running, with the time each last served a request.</summary>
internal sealed class CodeServerActivity : ICodeServerActivity
{
    private readonly ConcurrentDictionary<long, ActiveCodeServer> _active = new();
    private readonly TimeProvider _timeProvider;

    public CodeServerActivity(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public void MarkActivity(long buildId)
    {
        if (_active.TryGetValue(buildId, out var server))
        {
            server.Touch(_timeProvider.GetUtcNow());
        }
    }

    /// <summary>Records that code-server of <paramref name="buildId"/> runs in <paramref name="containerId"/>, as of now.</summary>
    public void Track(long buildId, string containerId, string? user, CodeServerUpstream upstream) =>
        _active[buildId] = new ActiveCodeServer(buildId, containerId, user, upstream, _timeProvider.GetUtcNow());

    /// <summary>Forgets the code-server of <paramref name="buildId"/>.</summary>
    public void Forget(long buildId) => _active.TryRemove(buildId, out _);

    /// <summary>Returns the tracked code-servers whose last request is at least <paramref name="idleTimeout"/> old.</summary>
    public IReadOnlyList<ActiveCodeServer> FindIdle(TimeSpan idleTimeout)
    {
        var now = _timeProvider.GetUtcNow();
        return _active.Values.Where(server => now - server.LastActivity >= idleTimeout).ToList();
    }

    /// <summary>Returns the tracked code-server of <paramref name="buildId"/>, or null.</summary>
    public ActiveCodeServer? Find(long buildId) => _active.GetValueOrDefault(buildId);
}
