namespace RunbotVsCode.Generation.Tests;

public class RegenOptionsValidatorTests
{
    private static IEnumerable<string> Failures(RegenOptions options) =>
        new RegenOptionsValidator().Validate(null, options).Failures ?? [];

    [Test]
    public void Validate_Defaults_Succeeds()
    {
        Assert.That(new RegenOptionsValidator().Validate(null, new RegenOptions()).Succeeded, Is.True);
    }

    [TestCase("*/10 * * * * *")]
    [TestCase("*/5 * * * *")]
    public void Validate_ValidCron_Succeeds(string cron)
    {
        Assert.That(new RegenOptionsValidator().Validate(null, new RegenOptions { Cron = cron }).Succeeded, Is.True);
    }

    [TestCase("not a cron")]
    [TestCase("* * *")]
    [TestCase("*/10 * * * * * *")]
    [TestCase("")]
    [TestCase("0 0 31 4 *")]
    public void Validate_InvalidCron_FailureNamesKey(string cron)
    {
        Assert.That(Failures(new RegenOptions { Cron = cron }), Has.One.Contain("Regen:Cron"));
    }

    [Test]
    public void Validate_InvalidCron_FailureShowsValue()
    {
        Assert.That(Failures(new RegenOptions { Cron = "61 * * * *" }), Has.One.Contain("'61 * * * *'"));
    }

    [TestCase(0)]
    [TestCase(99)]
    [TestCase(-1000)]
    public void Validate_IntervalUnder100Ms_FailureNamesKey(int milliseconds)
    {
        Assert.That(Failures(new RegenOptions { Interval = TimeSpan.FromMilliseconds(milliseconds) }), Has.One.Contain("Regen:Interval"));
    }

    [Test]
    public void Validate_IntervalAndCronInvalid_ReportsBoth()
    {
        var failures = Failures(new RegenOptions { Interval = TimeSpan.Zero, Cron = "nope" }).ToList();

        Assert.That(failures, Has.Count.EqualTo(2));
        Assert.That(failures, Has.One.Contain("Regen:Interval"));
        Assert.That(failures, Has.One.Contain("Regen:Cron"));
    }
}
