namespace RunbotVsCode.Hosting.Tests;

public class ServiceAddressTests
{
    [TestCase("http://0.0.0.0:8079", "127.0.0.1:8079")]
    [TestCase("http://*:5000", "127.0.0.1:5000")]
    [TestCase("http://+:5000", "127.0.0.1:5000")]
    [TestCase("http://[::]:5000", "127.0.0.1:5000")]
    public void FromUrls_WildcardHost_ReturnsLoopback(string urls, string expected)
    {
        Assert.That(ServiceAddress.FromUrls(urls), Is.EqualTo(expected));
    }

    [Test]
    public void FromUrls_SeveralUrls_TakesFirst()
    {
        Assert.That(ServiceAddress.FromUrls("http://127.0.0.1:8079;http://[::1]:8080"), Is.EqualTo("127.0.0.1:8079"));
    }

    [Test]
    public void FromUrls_BlankBeforeFirst_SkipsBlank()
    {
        Assert.That(ServiceAddress.FromUrls(" ; http://127.0.0.1:8079"), Is.EqualTo("127.0.0.1:8079"));
    }

    [Test]
    public void FromUrls_IPv6Loopback_KeepsBrackets()
    {
        Assert.That(ServiceAddress.FromUrls("http://[::1]:8080"), Is.EqualTo("[::1]:8080"));
    }

    [Test]
    public void FromUrls_NoPort_UsesSchemeDefault()
    {
        Assert.That(ServiceAddress.FromUrls("https://localhost"), Is.EqualTo("localhost:443"));
    }

    [Test]
    public void FromUrls_Default_PassesAuthAddressCheck()
    {
        var address = ServiceAddress.FromUrls(new HttpOptions().Urls);

        Assert.That(Nginx.NginxOptionsValidator.ParseAuthAddress(address), Is.EqualTo("127.0.0.1:8079"));
    }

    [TestCase("")]
    [TestCase(" ; ")]
    public void FromUrls_Empty_Throws(string urls)
    {
        Assert.That(() => ServiceAddress.FromUrls(urls), Throws.ArgumentException.With.Message.Contain("Http:Urls"));
    }
}
