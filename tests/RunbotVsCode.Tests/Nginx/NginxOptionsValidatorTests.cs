namespace RunbotVsCode.Nginx.Tests;

public class NginxOptionsValidatorTests
{
    private static List<string> Failures(NginxOptions options) =>
        [.. new NginxOptionsValidator().Validate(null, options).Failures ?? []];

    [Test]
    public void Validate_Defaults_Succeeds()
    {
        Assert.That(new NginxOptionsValidator().Validate(null, new NginxOptions()).Succeeded, Is.True);
    }

    [TestCase("relative/runbot-vscode.conf")]
    [TestCase("/srv/nginx/../runbot-vscode.conf")]
    [TestCase("/srv/nginx/runbot vscode.conf")]
    [TestCase("/srv/nginx/runbot-vscode.conf;")]
    [TestCase("/srv/nginx/")]
    public void Validate_InvalidConfigPath_FailureNamesKey(string value)
    {
        Assert.That(Failures(new NginxOptions { ConfigPath = value }), Has.Some.StartWith("Nginx:ConfigPath is invalid"));
    }

    [Test]
    public void Validate_ConfigPathIsMainConfig_FailureNamesKey()
    {
        var options = new NginxOptions { ConfigPath = "/srv/nginx/nginx.conf", MainConfigPath = "/srv/nginx/nginx.conf" };

        Assert.That(Failures(options), Has.One.StartWith("Nginx:ConfigPath is invalid"));
    }

    [Test]
    public void Validate_InvalidMainConfigPath_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { MainConfigPath = "nginx.conf" }), Has.One.StartWith("Nginx:MainConfigPath is invalid"));
    }

    [Test]
    public void Validate_InvalidPrefix_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { Prefix = "/srv/$prefix/" }), Has.One.StartWith("Nginx:Prefix is invalid"));
    }

    [Test]
    public void Validate_InvalidPidFile_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { PidFile = "" }), Has.One.StartWith("Nginx:PidFile is invalid"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_MissingBinary_FailureNamesKey(string value)
    {
        Assert.That(Failures(new NginxOptions { Binary = value }), Has.One.StartWith("Nginx:Binary is missing"));
    }

    [TestCase("8080")]
    [TestCase("127.0.0.1:8080")]
    [TestCase("[::1]:8080")]
    [TestCase("runbot.local:8080")]
    public void Validate_ValidListen_Succeeds(string value)
    {
        Assert.That(Failures(new NginxOptions { Listen = value }), Is.Empty);
    }

    [TestCase("0")]
    [TestCase("70000")]
    [TestCase("8080;")]
    [TestCase("8080 ssl")]
    [TestCase("8080\n")]
    [TestCase("*:8080")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:0")]
    [TestCase("Runbot.local:8080")]
    [TestCase("")]
    public void Validate_InvalidListen_FailureNamesKey(string value)
    {
        Assert.That(Failures(new NginxOptions { Listen = value }), Has.One.StartWith("Nginx:Listen is invalid"));
    }

    [Test]
    public void Validate_InvalidListen_FailureShowsValue()
    {
        Assert.That(Failures(new NginxOptions { Listen = "8080 ssl" }), Has.One.Contain("'8080 ssl'"));
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:0")]
    [TestCase("127.0.0.1:65536")]
    [TestCase("runbot;vscode:8079")]
    [TestCase("[::1:8079")]
    [TestCase("127.0.0.1:8079;")]
    [TestCase("127.0.0.1:8079\n")]
    public void Validate_InvalidAuthAddress_FailureNamesKey(string value)
    {
        Assert.That(Failures(new NginxOptions { AuthAddress = value }), Has.One.StartWith("Nginx:AuthAddress is invalid"));
    }

    [TestCase("127.0.0.1:8079")]
    [TestCase("[::1]:8079")]
    [TestCase("runbot-vscode.internal:8079")]
    public void ParseAuthAddress_ValidAddress_ReturnsIt(string value)
    {
        Assert.That(NginxOptionsValidator.ParseAuthAddress(value), Is.EqualTo(value));
    }

    [TestCase(0)]
    [TestCase(1025)]
    public void Validate_KeepaliveOutOfRange_FailureNamesKey(int value)
    {
        Assert.That(Failures(new NginxOptions { AuthKeepalive = value }), Has.One.StartWith("Nginx:AuthKeepalive is invalid"));
    }

    [Test]
    public void Validate_ZeroCommandTimeout_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { CommandTimeout = TimeSpan.Zero }), Has.One.StartWith("Nginx:CommandTimeout is invalid"));
    }

    [Test]
    public void Validate_NegativeLockTimeout_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { LockTimeout = TimeSpan.FromSeconds(-1) }), Has.One.StartWith("Nginx:LockTimeout is invalid"));
    }

    [Test]
    public void Validate_ZeroReloadTimeout_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { ReloadTimeout = TimeSpan.Zero }), Has.One.StartWith("Nginx:ReloadTimeout is invalid"));
    }

    [Test]
    public void Validate_NegativeRecheckInterval_FailureNamesKey()
    {
        Assert.That(Failures(new NginxOptions { RecheckInterval = TimeSpan.FromSeconds(-1) }), Has.One.StartWith("Nginx:RecheckInterval is invalid"));
    }

    [Test]
    public void Validate_ZeroRecheckInterval_Succeeds()
    {
        Assert.That(Failures(new NginxOptions { RecheckInterval = TimeSpan.Zero }), Is.Empty);
    }

    [Test]
    public void Validate_ZeroLockTimeout_Succeeds()
    {
        Assert.That(Failures(new NginxOptions { LockTimeout = TimeSpan.Zero }), Is.Empty);
    }

    [Test]
    public void Validate_SeveralInvalid_ReportsAll()
    {
        var options = new NginxOptions { Listen = "x", Binary = "", AuthKeepalive = 0, PidFile = "pid" };

        var failures = Failures(options);

        Assert.That(failures, Has.Count.EqualTo(4));
        Assert.That(failures, Has.One.StartWith("Nginx:Listen"));
        Assert.That(failures, Has.One.StartWith("Nginx:Binary"));
        Assert.That(failures, Has.One.StartWith("Nginx:AuthKeepalive"));
        Assert.That(failures, Has.One.StartWith("Nginx:PidFile"));
    }
}
