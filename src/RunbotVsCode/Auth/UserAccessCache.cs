using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Auth;

/// <summary>
/// Whether a user may open VS Code, read from <c>res_users</c> and kept for at most <c>Auth:UserCacheTtl</c>, so
/// disabling a user or making them a portal user cuts their access within that time.
/// </summary>
public sealed class UserAccessCache
{
    private readonly RunbotDirectory _directory;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<long, (bool Allowed, long ReadAt)> _entries = new();

    /// <summary>Initializes the cache.</summary>
    public UserAccessCache(RunbotDirectory directory, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        _directory = directory;
        _timeProvider = timeProvider;
        _ttl = options.Value.UserCacheTtl;
    }

    /// <summary>Returns whether <paramref name="userId"/> is an active internal user, from the cache when fresh.</summary>
    public async Task<bool> IsAllowedAsync(long userId, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(userId, out var entry) && _timeProvider.GetElapsedTime(entry.ReadAt) < _ttl)
        {
            return entry.Allowed;
        }

        var user = await _directory.FindUserAsync(userId, cancellationToken);
        var allowed = user?.IsActiveInternal == true;
        _entries[userId] = (allowed, _timeProvider.GetTimestamp());
        return allowed;
    }
}
