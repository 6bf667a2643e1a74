using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

public class TicketReplayGuardTests
{
    private static readonly DateTimeOffset Expiry = Start.AddSeconds(60);

    private FakeTimeProvider clock = null!;
    private RecordingLogger<TicketReplayGuard> logger = null!;

    [SetUp]
    public void SetUp()
    {
        clock = NewClock();
        logger = new RecordingLogger<TicketReplayGuard>();
    }

    [Test]
    public void TryConsume_NewNonce_ReturnsConsumed()
    {
        var guard = new TicketReplayGuard(clock, logger);

        Assert.That(guard.TryConsume("nonce-1", Expiry), Is.EqualTo(TicketConsumption.Consumed));
        Assert.That(guard.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryConsume_SameNonceTwice_ReturnsAlreadyUsed()
    {
        var guard = new TicketReplayGuard(clock, logger);
        guard.TryConsume("nonce-1", Expiry);

        Assert.That(guard.TryConsume("nonce-1", Expiry), Is.EqualTo(TicketConsumption.AlreadyUsed));
        Assert.That(guard.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryConsume_AtExpiry_ReturnsExpiredWithoutRecording()
    {
        var guard = new TicketReplayGuard(clock, logger);
        clock.SetUtcNow(Expiry);

        Assert.That(guard.TryConsume("nonce-1", Expiry), Is.EqualTo(TicketConsumption.Expired));
        Assert.That(guard.Count, Is.Zero);
    }

    [Test]
    public void TryConsume_Full_RejectsAndWarnsOncePerInterval()
    {
        var guard = new TicketReplayGuard(clock, logger, capacity: 2);
        guard.TryConsume("nonce-1", Expiry);
        guard.TryConsume("nonce-2", Expiry);

        var third = guard.TryConsume("nonce-3", Expiry);
        var fourth = guard.TryConsume("nonce-4", Expiry);

        Assert.That(third, Is.EqualTo(TicketConsumption.CapacityReached));
        Assert.That(fourth, Is.EqualTo(TicketConsumption.CapacityReached));
        Assert.That(guard.Count, Is.EqualTo(2));
        var warnings = logger.Entries.Where(entry => entry.EventId.Id == 3010).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].Values["Capacity"], Is.EqualTo(2));
    }

    [Test]
    public void TryConsume_FullThenRetentionPassed_PrunesAndAccepts()
    {
        var guard = new TicketReplayGuard(clock, logger, capacity: 2);
        guard.TryConsume("nonce-1", Expiry);
        guard.TryConsume("nonce-2", Expiry);

        clock.SetUtcNow(Expiry + TicketReplayGuard.Retention);
        var later = guard.TryConsume("nonce-3", Expiry + TimeSpan.FromMinutes(5));

        Assert.That(later, Is.EqualTo(TicketConsumption.Consumed));
        Assert.That(guard.Count, Is.EqualTo(1));
        Assert.That(logger.Entries.Any(entry => entry.EventId.Id == 3011 && Equals(entry.Values["RemovedCount"], 2)), Is.True);
    }

    [Test]
    public void Prune_WithinRetention_KeepsNonce()
    {
        var guard = new TicketReplayGuard(clock, logger);
        guard.TryConsume("nonce-1", Expiry);

        var removed = guard.Prune(Expiry + TicketReplayGuard.Retention - TimeSpan.FromTicks(1));

        Assert.That(removed, Is.Zero);
        Assert.That(guard.Count, Is.EqualTo(1));
    }

    [Test]
    public void Prune_AfterRetention_RemovesOnlyExpiredNonces()
    {
        var guard = new TicketReplayGuard(clock, logger);
        guard.TryConsume("nonce-1", Expiry);
        guard.TryConsume("nonce-2", Expiry.AddSeconds(30));

        var removed = guard.Prune(Expiry + TicketReplayGuard.Retention);

        Assert.That(removed, Is.EqualTo(1));
        Assert.That(guard.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryConsume_ExpiryPassesDuringCall_ReturnsExpired()
    {
        var guard = new TicketReplayGuard(clock, logger);
        clock.SetUtcNow(Expiry - TimeSpan.FromSeconds(1));

        // Each clock read moves time one second on, so the expiry passes between the first and the second read.
        clock.AutoAdvanceAmount = TimeSpan.FromSeconds(1);

        Assert.That(guard.TryConsume("nonce-1", Expiry), Is.EqualTo(TicketConsumption.Expired));
    }

    [Test]
    public void TryConsume_ConcurrentSameNonce_ExactlyOneConsumed()
    {
        const int CallCount = 32;
        var guard = new TicketReplayGuard(clock, logger);

        for (var round = 0; round < 50; round++)
        {
            var nonce = $"nonce-{round}";
            using var start = new Barrier(CallCount);
            var outcomes = new TicketConsumption[CallCount];
            var threads = Enumerable.Range(0, CallCount).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                outcomes[i] = guard.TryConsume(nonce, Expiry);
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());

            Assert.That(outcomes.Count(outcome => outcome == TicketConsumption.Consumed), Is.EqualTo(1), $"round {round}");
        }

        Assert.That(guard.Count, Is.EqualTo(50));
    }

    [Test]
    public void TryConsume_ConcurrentAtCapacity_NeverExceedsCapacity()
    {
        const int Capacity = 100;
        var guard = new TicketReplayGuard(clock, logger, Capacity);

        var consumed = 0;
        Parallel.For(0, 1000, i =>
        {
            if (guard.TryConsume($"nonce-{i}", Expiry) == TicketConsumption.Consumed)
            {
                Interlocked.Increment(ref consumed);
            }
        });

        Assert.That(consumed, Is.EqualTo(Capacity));
        Assert.That(guard.Count, Is.EqualTo(Capacity));
    }

    [Test]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.That(() => new TicketReplayGuard(clock, logger, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
