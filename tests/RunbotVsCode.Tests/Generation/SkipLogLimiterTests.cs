using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation.Tests;

public class SkipLogLimiterTests
{
    private static readonly SkippedBuild Bad = new(7, SkipReason.InvalidDest, "dest 'bad dest' is invalid");

    [Test]
    public void ShouldLog_FirstTime_ReturnsTrue()
    {
        Assert.That(new SkipLogLimiter().ShouldLog(Bad), Is.True);
    }

    [Test]
    public void ShouldLog_SecondTime_ReturnsFalse()
    {
        var limiter = new SkipLogLimiter();
        limiter.ShouldLog(Bad);

        Assert.That(limiter.ShouldLog(Bad), Is.False);
    }

    [Test]
    public void ShouldLog_SameBuildOtherReason_ReturnsTrue()
    {
        var limiter = new SkipLogLimiter();
        limiter.ShouldLog(Bad);

        Assert.That(limiter.ShouldLog(Bad with { Reason = SkipReason.InvalidPort }), Is.True);
    }

    [Test]
    public void ShouldLog_AfterBuildLeft_ReturnsTrue()
    {
        var limiter = new SkipLogLimiter();
        limiter.ShouldLog(Bad);

        limiter.Forget([]);

        Assert.That(limiter.ShouldLog(Bad), Is.True);
    }

    [Test]
    public void ShouldLog_StillSkipped_ReturnsFalse()
    {
        var limiter = new SkipLogLimiter();
        limiter.ShouldLog(Bad);

        limiter.Forget([Bad]);

        Assert.That(limiter.ShouldLog(Bad), Is.False);
    }

    [Test]
    public void ShouldLog_AfterFailedPass_ReturnsFalse()
    {
        var limiter = new SkipLogLimiter();
        limiter.ShouldLog(Bad);

        limiter.Forget(null);

        Assert.That(limiter.ShouldLog(Bad), Is.False);
    }
}
