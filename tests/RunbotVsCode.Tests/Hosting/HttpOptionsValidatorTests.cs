namespace RunbotVsCode.Hosting.Tests;

public class HttpOptionsValidatorTests
{
    private static IEnumerable<string> Failures(string urls) =>
        new HttpOptionsValidator().Validate(null, new HttpOptions { Urls = urls }).Failures ?? [];

    [TestCase("http://127.0.0.1:8079")]
    [TestCase("http://127.0.0.1:8079;http://[::1]:8080")]
    [TestCase("https://localhost:8443")]
    [TestCase("http://0.0.0.0:8079")]
    [TestCase("http://*:5000")]
    [TestCase("http://+:5000")]
    [TestCase("http://[::]:5000")]
    public void Validate_KestrelUrls_Succeeds(string urls)
    {
        Assert.That(new HttpOptionsValidator().Validate(null, new HttpOptions { Urls = urls }).Succeeded, Is.True);
    }

    [TestCase("")]
    [TestCase(" ; ")]
    public void Validate_NoUrl_FailureNamesKey(string urls)
    {
        Assert.That(Failures(urls), Has.One.Contain("Http:Urls is missing"));
    }

    [TestCase("ftp://127.0.0.1:21")]
    [TestCase("127.0.0.1:8079")]
    [TestCase("not a url")]
    public void Validate_InvalidUrl_FailureNamesKeyAndValue(string urls)
    {
        Assert.That(Failures(urls), Has.One.Contain("Http:Urls is invalid").And.Contain($"'{urls}'"));
    }

    [TestCase("00:00:00")]
    [TestCase("00:00:00.500")]
    [TestCase("-00:00:15")]
    public void Validate_ShortReadinessInterval_NamesKey(string interval)
    {
        var options = new HttpOptions { ReadinessInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.That(new HttpOptionsValidator().Validate(null, options).Failures, Has.One.StartWith("Http:ReadinessInterval is invalid"));
    }

    [Test]
    public void Validate_TwoInvalidUrls_ReportsBoth()
    {
        var failures = Failures("ftp://a:1;http://127.0.0.1:8079;gopher://b:2").ToList();

        Assert.That(failures, Has.Count.EqualTo(2));
        Assert.That(failures, Has.One.Contain("'ftp://a:1'"));
        Assert.That(failures, Has.One.Contain("'gopher://b:2'"));
    }

    [Test]
    public void SplitUrls_BlanksAndSpaces_DropsBlanksAndTrims()
    {
        Assert.That(HttpOptionsValidator.SplitUrls(" http://a:1 ;; http://b:2;"), Is.EqualTo(new[] { "http://a:1", "http://b:2" }));
    }

    [Test]
    public void SplitUrls_Null_ReturnsEmpty()
    {
        Assert.That(HttpOptionsValidator.SplitUrls(null), Is.Empty);
    }
}
