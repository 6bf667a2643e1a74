using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunbotVsCode.Auth;

/// <summary>
/// Remembers the nonces of redeemed tickets so each ticket is exchanged once. Recording is atomic
/// (<see cref="ConcurrentDictionary{TKey, TValue}.TryAdd"/>), memory is bounded by a capacity, and entries are
/// pruned once their ticket has expired. The memory belongs to this process: a ticket is redeemed by the one
/// instance that runs its build, so no other instance needs to know it was used.
/// </summary>
public sealed partial class TicketReplayGuard
{
    /// <summary>The default maximum number of remembered nonces.</summary>
    public const int DefaultCapacity = 100_000;

    /// <summary>
    /// How long a nonce is kept after its ticket's expiry, so that a redemption delayed past the expiry,
    /// or a clock stepped back, cannot find the nonce already pruned.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(60);

    /// <summary>The minimum interval between two prunes and between two capacity warnings.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> usedNonces = new(StringComparer.Ordinal);
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TicketReplayGuard> logger;
    private readonly int capacity;
    private int count;
    private long nextPruneTicks;
    private long nextWarningTicks;
    private int rejectedSinceWarning;

    /// <summary>Creates a guard holding at most <see cref="DefaultCapacity"/> nonces.</summary>
    public TicketReplayGuard(TimeProvider timeProvider, ILogger<TicketReplayGuard> logger)
        : this(timeProvider, logger, DefaultCapacity)
    {
    }

    /// <summary>Creates a guard holding at most <paramref name="capacity"/> nonces.</summary>
    public TicketReplayGuard(TimeProvider timeProvider, ILogger<TicketReplayGuard> logger, int capacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);

        this.timeProvider = timeProvider;
        this.logger = logger;
        this.capacity = capacity;
    }

    /// <summary>Gets the number of remembered nonces, expired ones not yet pruned included.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>
    /// Records a ticket's nonce as used. Of concurrent calls with one nonce, exactly one returns
    /// <see cref="TicketConsumption.Consumed"/>.
    /// </summary>
    /// <param name="nonce">The ticket's nonce, whose MAC the caller has verified.</param>
    /// <param name="expiresAt">The ticket's expiry; the nonce is remembered until <see cref="Retention"/> after it.</param>
    public TicketConsumption TryConsume(string nonce, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);

        var now = timeProvider.GetUtcNow();
        if (now >= expiresAt)
        {
            return TicketConsumption.Expired;
        }

        PruneIfDue(now);
        if (!TryReserveSlot())
        {
            WarnCapacityReached(now);
            return TicketConsumption.CapacityReached;
        }

        if (!usedNonces.TryAdd(nonce, expiresAt))
        {
            Interlocked.Decrement(ref count);
            return TicketConsumption.AlreadyUsed;
        }

        // The clock is read again: a call that stalled past the expiry must not succeed, because the
        // first holder of this nonce may already have been pruned.
        return timeProvider.GetUtcNow() >= expiresAt ? TicketConsumption.Expired : TicketConsumption.Consumed;
    }

    /// <summary>Removes every nonce whose ticket expired at least <see cref="Retention"/> before <paramref name="now"/>.</summary>
    /// <returns>The number of nonces removed.</returns>
    internal int Prune(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var entry in usedNonces)
        {
            if (entry.Value + Retention <= now && usedNonces.TryRemove(entry))
            {
                Interlocked.Decrement(ref count);
                removed++;
            }
        }

        if (removed > 0)
        {
            Log.Pruned(logger, removed, Count);
        }

        return removed;
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextPruneTicks);
        if (now.UtcTicks < due)
        {
            return;
        }

        // Only the caller that moves the deadline prunes; the others go on at once.
        if (Interlocked.CompareExchange(ref nextPruneTicks, (now + PruneInterval).UtcTicks, due) == due)
        {
            Prune(now);
        }
    }

    private bool TryReserveSlot()
    {
        if (Interlocked.Increment(ref count) <= capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref count);
        return false;
    }

    private void WarnCapacityReached(DateTimeOffset now)
    {
        var rejected = Interlocked.Increment(ref rejectedSinceWarning);
        var due = Interlocked.Read(ref nextWarningTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextWarningTicks, (now + PruneInterval).UtcTicks, due) != due)
        {
            return;
        }

        Interlocked.Add(ref rejectedSinceWarning, -rejected);
        Log.CapacityReached(logger, capacity, rejected);
    }
}
