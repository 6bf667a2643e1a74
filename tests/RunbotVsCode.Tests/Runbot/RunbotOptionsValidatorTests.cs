namespace RunbotVsCode.Runbot.Tests;

public class RunbotOptionsValidatorTests
{
    private const string Password = "hunter2-secret";
    private const string ValidConnectionString = "Host=/var/run/postgresql;Database=runbot;Username=runbot";

    private static List<string> Failures(RunbotOptions options) =>
        [.. new RunbotOptionsValidator().Validate(null, options).Failures ?? []];

    private static RunbotOptions Valid() => new() { ConnectionString = ValidConnectionString };

    [Test]
    public void Validate_ValidOptions_Succeeds()
    {
        Assert.That(Failures(Valid()), Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_MissingConnectionString_FailureNamesKey(string value)
    {
        Assert.That(Failures(new RunbotOptions { ConnectionString = value }), Has.One.StartWith("Runbot:ConnectionString is missing"));
    }

    [TestCase($"Host=db;Password={Password};Bogus Key=1")]
    [TestCase($"Host;Password={Password}")]
    [TestCase($"Port=abc;Password={Password}")]
    [TestCase($"SSL Mode=bogus;Password={Password}")]
    [TestCase($"Host=\"unterminated;Password={Password}")]
    public void Validate_InvalidConnectionString_FailureNamesKey(string value)
    {
        Assert.That(Failures(new RunbotOptions { ConnectionString = value }), Has.One.StartWith("Runbot:ConnectionString is invalid"));
    }

    [TestCase($"Host=db;Password={Password};Bogus Key=1")]
    [TestCase($"Host;Password={Password}")]
    [TestCase($"Port=abc;Password={Password}")]
    public void Validate_InvalidConnectionString_DoesNotShowValue(string value)
    {
        var failures = Failures(new RunbotOptions { ConnectionString = value });

        Assert.That(failures, Has.None.Contain(Password));
        Assert.That(failures, Has.None.Contain("Host=db"));
    }

    [TestCase("Runbot.example.com")]
    [TestCase("runbot.example.com.")]
    [TestCase("runbot example")]
    public void Validate_InvalidHostName_FailureNamesKey(string value)
    {
        var options = Valid();
        options.HostName = value;

        Assert.That(Failures(options), Has.One.StartWith("Runbot:HostName is invalid"));
    }

    [TestCase("no_dot")]
    [TestCase("module.name.extra")]
    [TestCase("module.na-me")]
    [TestCase(".name")]
    [TestCase("module.name\n")]
    public void Validate_InvalidLayerXmlId_FailureNamesKey(string value)
    {
        var options = Valid();
        options.CodeServerLayerXmlId = value;

        Assert.That(Failures(options), Has.One.StartWith("Runbot:CodeServerLayerXmlId is invalid"));
    }

    [Test]
    public void Validate_ZeroCommandTimeout_FailureNamesKey()
    {
        var options = Valid();
        options.CommandTimeout = TimeSpan.Zero;

        Assert.That(Failures(options), Has.One.StartWith("Runbot:CommandTimeout is invalid"));
    }

    [Test]
    public void Validate_SeveralInvalid_ReportsAllWithoutConnectionString()
    {
        var options = new RunbotOptions
        {
            ConnectionString = $"Password={Password};Bogus=1",
            HostName = "BAD",
            CodeServerLayerXmlId = "nodot",
            CommandTimeout = TimeSpan.Zero,
        };

        var failures = Failures(options);

        Assert.That(failures, Has.Count.EqualTo(4));
        Assert.That(failures, Has.One.StartWith("Runbot:ConnectionString"));
        Assert.That(failures, Has.One.StartWith("Runbot:HostName"));
        Assert.That(failures, Has.One.StartWith("Runbot:CodeServerLayerXmlId"));
        Assert.That(failures, Has.One.StartWith("Runbot:CommandTimeout"));
        Assert.That(failures, Has.None.Contain(Password));
    }
}
