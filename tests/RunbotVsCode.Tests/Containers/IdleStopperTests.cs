namespace RunbotVsCode.Containers.Tests;

public sealed class IdleStopperTests
{
    [TestCase(2, 1)]
    [TestCase(60, 15)]
    [TestCase(3600, 60)]
    public void CheckInterval_QuarterOfTimeoutWithinBounds(int timeoutSeconds, int expectedSeconds)
    {
        var interval = IdleStopper.CheckInterval(TimeSpan.FromSeconds(timeoutSeconds));

        Assert.That(interval, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }
}
