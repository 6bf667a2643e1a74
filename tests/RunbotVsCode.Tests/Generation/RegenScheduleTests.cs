using Microsoft.Extensions.Time.Testing;

namespace RunbotVsCode.Generation.Tests;

public class RegenScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void DelayFrom_IntervalMode_ReturnsInterval()
    {
        var schedule = new RegenSchedule(new RegenOptions { Interval = TimeSpan.FromSeconds(7) });

        Assert.That(schedule.DelayFrom(Noon), Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public void DelayFrom_SixFieldCron_WaitsForNextTenSecondMark()
    {
        var clock = new FakeTimeProvider(Noon.AddSeconds(3).AddMilliseconds(250));
        var schedule = new RegenSchedule(new RegenOptions { Cron = "*/10 * * * * *" });

        Assert.That(schedule.DelayFrom(clock.GetUtcNow()), Is.EqualTo(TimeSpan.FromMilliseconds(6_750)));
    }

    [Test]
    public void DelayFrom_SixFieldCronOnTheMark_WaitsForFollowingMark()
    {
        var schedule = new RegenSchedule(new RegenOptions { Cron = "*/10 * * * * *" });

        Assert.That(schedule.DelayFrom(Noon.AddSeconds(10)), Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void DelayFrom_SixFieldCronAsClockAdvances_FollowsMarks()
    {
        var clock = new FakeTimeProvider(Noon.AddSeconds(1));
        var schedule = new RegenSchedule(new RegenOptions { Cron = "*/10 * * * * *" });

        clock.Advance(schedule.DelayFrom(clock.GetUtcNow()));

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Noon.AddSeconds(10)));
        Assert.That(schedule.DelayFrom(clock.GetUtcNow()), Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void DelayFrom_FiveFieldCron_WaitsForNextMinuteMark()
    {
        var schedule = new RegenSchedule(new RegenOptions { Cron = "*/5 * * * *" });

        Assert.That(schedule.DelayFrom(Noon.AddMinutes(3).AddSeconds(30)), Is.EqualTo(TimeSpan.FromSeconds(90)));
    }

    [Test]
    public void DelayFrom_CronWithExtraSpaces_Parses()
    {
        var schedule = new RegenSchedule(new RegenOptions { Cron = "  */10  *  * * * * " });

        Assert.That(schedule.DelayFrom(Noon.AddSeconds(5)), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void DelayFrom_NowWithOffset_CronIsInUtc()
    {
        // 14:00 at +02:00 is noon UTC, so the next UTC midnight is 12 hours away.
        var schedule = new RegenSchedule(new RegenOptions { Cron = "0 0 * * *" });
        var now = new DateTimeOffset(2025, 3, 14, 14, 0, 0, TimeSpan.FromHours(2));

        Assert.That(schedule.DelayFrom(now), Is.EqualTo(TimeSpan.FromHours(12)));
    }

    [Test]
    public void DelayFrom_CronSet_IgnoresInterval()
    {
        var schedule = new RegenSchedule(new RegenOptions { Interval = TimeSpan.FromSeconds(1), Cron = "0 * * * *" });

        Assert.That(schedule.DelayFrom(Noon.AddMinutes(30)), Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [TestCase("not a cron")]
    [TestCase("* * *")]
    [TestCase("61 * * * *")]
    [TestCase("*/10 * * * * * *")]
    [TestCase("0 0 30 2 *")]
    public void Constructor_InvalidCron_Throws(string cron)
    {
        Assert.That(() => new RegenSchedule(new RegenOptions { Cron = cron }), Throws.ArgumentException.With.Message.Contain("Regen:Cron"));
    }

    [Test]
    public void TryParseCron_SixFields_ReturnsNoProblem()
    {
        Assert.That(RegenSchedule.TryParseCron("*/10 * * * * *", out var expression), Is.Null);
        Assert.That(expression, Is.Not.Null);
    }

    [Test]
    public void TryParseCron_LeapDay_ReturnsNoProblem()
    {
        Assert.That(RegenSchedule.TryParseCron("0 0 29 2 *", out _), Is.Null);
    }

    [Test]
    public void TryParseCron_DateThatNeverExists_ReturnsProblem()
    {
        Assert.That(RegenSchedule.TryParseCron("0 0 30 2 *", out var expression), Is.EqualTo("it matches no date"));
        Assert.That(expression, Is.Null);
    }

    [Test]
    public void TryParseCron_Invalid_ReturnsProblem()
    {
        Assert.That(RegenSchedule.TryParseCron("61 * * * *", out var expression), Is.Not.Null.And.Not.Empty);
        Assert.That(expression, Is.Null);
    }
}
