using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Nginx.Tests;

public class ConfigLockTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    private TempFolder _folder = null!;

    private string LockPath => _folder.Combine(".runbot-vscode.conf.lock");

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    [Test]
    public async Task AcquireAsync_Free_ReturnsLock()
    {
        using var held = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);

        Assert.That(File.Exists(LockPath), Is.True);
    }

    [Test]
    public async Task AcquireAsync_HeldElsewhere_TimesOut()
    {
        using var held = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);

        Assert.That(
            async () => await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System),
            Throws.TypeOf<TimeoutException>().With.Message.Contain(LockPath));
    }

    [Test]
    public async Task AcquireAsync_HeldElsewhere_WaitsForTimeout()
    {
        using var held = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();

        Assert.ThrowsAsync<TimeoutException>(async () => await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System));

        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.GreaterThanOrEqualTo(ShortTimeout - TimeSpan.FromMilliseconds(20)));
    }

    [Test]
    public void AcquireAsync_FolderMissing_ThrowsWithoutWaiting()
    {
        var missing = Path.Combine(_folder.Path, "missing", ".runbot-vscode.conf.lock");
        var started = TimeProvider.System.GetTimestamp();

        Assert.ThrowsAsync<DirectoryNotFoundException>(async () => await ConfigLock.AcquireAsync(missing, TimeSpan.FromSeconds(30), TimeProvider.System));

        Assert.That(TimeProvider.System.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(5)), "an error other than a held lock is not retried");
    }

    [Test]
    public async Task AcquireAsync_AfterDisposal_Succeeds()
    {
        var first = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);
        first.Dispose();

        Assert.That(async () =>
        {
            using var second = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);
        }, Throws.Nothing);
    }

    [Test]
    public async Task AcquireAsync_ReleasedWhileWaiting_Succeeds()
    {
        var first = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);
        var waiting = ConfigLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(10), TimeProvider.System);

        await Task.Delay(250);
        first.Dispose();

        using var second = await waiting;
        Assert.That(second, Is.Not.Null);
    }

    [Test]
    public async Task AcquireAsync_CancelledWhileWaiting_Throws()
    {
        using var held = await ConfigLock.AcquireAsync(LockPath, ShortTimeout, TimeProvider.System);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));

        Assert.That(
            async () => await ConfigLock.AcquireAsync(LockPath, TimeSpan.FromSeconds(10), TimeProvider.System, cancellation.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
