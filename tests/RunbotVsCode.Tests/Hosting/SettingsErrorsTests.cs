namespace RunbotVsCode.Hosting.Tests;

public class SettingsErrorsTests
{
    [Test]
    public void ToResult_NothingRecorded_Succeeds()
    {
        Assert.That(new SettingsErrors("Nginx").ToResult().Succeeded, Is.True);
    }

    [Test]
    public void Invalid_StringValue_NamesFullKeyAndQuotesValue()
    {
        var errors = new SettingsErrors("Nginx");

        errors.Invalid("Listen", "80 80", "a port");

        Assert.That(errors.ToResult().Failures, Is.EqualTo(new[] { "Nginx:Listen is invalid: got '80 80'; expected a port." }));
    }

    [Test]
    public void Invalid_NullValue_SaysNoValue()
    {
        var errors = new SettingsErrors("Nginx");

        errors.Invalid("Listen", null, "a port");

        Assert.That(errors.ToResult().Failures!.Single(), Does.Contain("got no value"));
    }

    [Test]
    public void Missing_RequiredKey_NamesFullKeyAndHint()
    {
        var errors = new SettingsErrors("Runbot");

        errors.Missing("ConnectionString", "set it");

        Assert.That(errors.ToResult().Failures, Is.EqualTo(new[] { "Runbot:ConnectionString is missing: set it." }));
    }

    [Test]
    public void ToResult_SeveralRecorded_ReportsAllInOrder()
    {
        var errors = new SettingsErrors("Nginx");
        errors.Invalid("Listen", "x", "a port");
        errors.Missing("Binary", "set it");

        var result = errors.ToResult();

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures!.Count(), Is.EqualTo(2));
        Assert.That(result.Failures!.First(), Does.StartWith("Nginx:Listen"));
        Assert.That(result.Failures!.Last(), Does.StartWith("Nginx:Binary"));
    }
}
