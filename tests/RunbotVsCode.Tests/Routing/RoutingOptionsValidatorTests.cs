namespace RunbotVsCode.Routing.Tests;

public class RoutingOptionsValidatorTests
{
    private static List<string> Failures(RoutingOptions options) =>
        [.. new RoutingOptionsValidator().Validate(null, options).Failures ?? []];

    private static List<string> Failures(UpstreamOptions options) =>
        [.. new RoutingOptionsValidator().Validate(null, options).Failures ?? []];

    [Test]
    public void Validate_RoutingDefaults_Succeeds()
    {
        Assert.That(Failures(new RoutingOptions()), Is.Empty);
    }

    [Test]
    public void Validate_RoutingAllValid_Succeeds()
    {
        var options = new RoutingOptions { Suffix = "code", Scheme = "http", OpenBaseUrl = "https://runbot.example.com" };

        Assert.That(Failures(options), Is.Empty);
    }

    [TestCase("Code")]
    [TestCase("vs code")]
    [TestCase("vscode;")]
    [TestCase("a-suffix-over-twenty-c")]
    [TestCase("")]
    public void Validate_InvalidSuffix_FailureNamesKey(string value)
    {
        Assert.That(Failures(new RoutingOptions { Suffix = value }), Has.One.StartWith("Routing:Suffix is invalid"));
    }

    [TestCase("ftp")]
    [TestCase("HTTPS")]
    public void Validate_InvalidScheme_FailureNamesKey(string value)
    {
        Assert.That(Failures(new RoutingOptions { Scheme = value }), Has.One.StartWith("Routing:Scheme is invalid"));
    }

    [TestCase("https://runbot.example.com/odoo")]
    [TestCase("runbot.example.com")]
    public void Validate_InvalidOpenBaseUrl_FailureNamesKey(string value)
    {
        Assert.That(Failures(new RoutingOptions { OpenBaseUrl = value }), Has.One.StartWith("Routing:OpenBaseUrl is invalid"));
    }

    [Test]
    public void Validate_RoutingSeveralInvalid_ReportsAll()
    {
        var failures = Failures(new RoutingOptions { Suffix = "X", Scheme = "ftp", OpenBaseUrl = "nope" });

        Assert.That(failures, Has.Count.EqualTo(3));
    }

    [Test]
    public void Validate_UpstreamDefaults_Succeeds()
    {
        Assert.That(Failures(new UpstreamOptions()), Is.Empty);
    }

    [Test]
    public void Validate_UndefinedMode_FailureNamesKey()
    {
        Assert.That(Failures(new UpstreamOptions { Mode = (UpstreamMode)42 }), Has.One.StartWith("Upstream:Mode is invalid"));
    }

    [TestCase("relative/build")]
    [TestCase("/srv/runbot/../build")]
    [TestCase("/srv/run bot/build")]
    [TestCase("/srv/runbot:build")]
    [TestCase("")]
    public void Validate_InvalidBuildRoot_FailureNamesKey(string value)
    {
        Assert.That(Failures(new UpstreamOptions { BuildRoot = value }), Has.One.StartWith("Upstream:BuildRoot is invalid"));
    }

    [Test]
    public void Validate_InvalidBuildRoot_FailureShowsValue()
    {
        Assert.That(Failures(new UpstreamOptions { BuildRoot = "relative/build" }), Has.One.Contain("'relative/build'"));
    }

    [TestCase(0)]
    [TestCase(65536)]
    public void Validate_InvalidContainerPort_FailureNamesKey(int value)
    {
        Assert.That(Failures(new UpstreamOptions { ContainerPort = value }), Has.One.StartWith("Upstream:ContainerPort is invalid"));
    }

    [TestCase("/tmp/code-server.sock")]
    [TestCase("/data/buildx/code-server.sock")]
    [TestCase("/data/build/../etc/code-server.sock")]
    [TestCase("data/build/code-server.sock")]
    public void Validate_InvalidContainerSocketPath_FailureNamesKey(string value)
    {
        Assert.That(Failures(new UpstreamOptions { ContainerSocketPath = value }), Has.One.StartWith("Upstream:ContainerSocketPath is invalid"));
    }

    [Test]
    public void Validate_UpstreamSeveralInvalid_ReportsAll()
    {
        var failures = Failures(new UpstreamOptions { BuildRoot = "x", ContainerPort = 0, ContainerSocketPath = "/tmp/s" });

        Assert.That(failures, Has.Count.EqualTo(3));
    }
}
