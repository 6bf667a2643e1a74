using System.Collections.Concurrent;

namespace RunbotVsCode.Auth;

/// <summary>
/// Spots a browser that keeps coming back to the open route for the same build, as one that drops the cookie does:
/// nginx answers 401, the open route issues access, the exchange sets the cookie, and the next request has none again.
/// After <see cref="MaxOpens"/> opens within <see cref="Window"/> the open route shows a page instead of redirecting.
/// </summary>
public sealed class OpenLoopGuard
{
    /// <summary>The number of opens of one build by one user allowed within <see cref="Window"/>.</summary>
    public const int MaxOpens = 5;

    /// <summary>The time over which opens are counted.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private const int MaxTrackedPairs = 100_000;

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<(long UserId, long BuildId), Queue<long>> _opens = new();

    /// <summary>Initializes the guard.</summary>
    public OpenLoopGuard(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Records an open and returns whether it is one too many, so the browser is in a loop.</summary>
    public bool RegisterOpen(long userId, long buildId)
    {
        var now = _timeProvider.GetTimestamp();
        if (_opens.Count > MaxTrackedPairs)
        {
            _opens.Clear();
        }

        var times = _opens.GetOrAdd((userId, buildId), _ => new Queue<long>());
        lock (times)
        {
            while (times.Count > 0 && _timeProvider.GetElapsedTime(times.Peek(), now) > Window)
            {
                times.Dequeue();
            }

            times.Enqueue(now);
            return times.Count > MaxOpens;
        }
    }
}
