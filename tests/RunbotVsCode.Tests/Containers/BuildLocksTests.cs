namespace RunbotVsCode.Containers.Tests;

public sealed class BuildLocksTests
{
    [Test]
    public async Task AcquireAsync_SameBuild_WaitsForRelease()
    {
        var locks = new BuildLocks();
        var first = await locks.AcquireAsync(1, CancellationToken.None);

        var second = locks.AcquireAsync(1, CancellationToken.None);
        await Task.Delay(50);
        var blocked = !second.IsCompleted;
        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.That(blocked, Is.True);
    }

    [Test]
    public async Task AcquireAsync_OtherBuild_DoesNotWait()
    {
        var locks = new BuildLocks();
        using var first = await locks.AcquireAsync(1, CancellationToken.None);

        var other = locks.AcquireAsync(2, CancellationToken.None);

        Assert.That(other.IsCompletedSuccessfully, Is.True);
        (await other).Dispose();
    }

    [Test]
    public async Task AcquireAsync_AllReleased_RemovesEntries()
    {
        var locks = new BuildLocks();
        var first = await locks.AcquireAsync(1, CancellationToken.None);
        var waiting = locks.AcquireAsync(1, CancellationToken.None);

        first.Dispose();
        (await waiting).Dispose();

        Assert.That(locks.Count, Is.Zero);
    }

    [Test]
    public async Task AcquireAsync_CancelledWhileWaiting_ReleasesEntry()
    {
        var locks = new BuildLocks();
        var first = await locks.AcquireAsync(1, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiting = locks.AcquireAsync(1, cancellation.Token);
        await cancellation.CancelAsync();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
        first.Dispose();
        Assert.That(locks.Count, Is.Zero);
    }

    [Test]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var locks = new BuildLocks();
        var first = await locks.AcquireAsync(1, CancellationToken.None);
        var second = locks.AcquireAsync(1, CancellationToken.None);

        first.Dispose();
        using var acquired = await second;
        first.Dispose();
        var third = locks.AcquireAsync(1, CancellationToken.None);

        Assert.That(third.IsCompleted, Is.False);
        acquired.Dispose();
        (await third).Dispose();
    }
}
