using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Auth.Tests;

public class AuthOptionsValidatorTests
{
    private readonly AuthOptionsValidator validator = new();

    [Test]
    public void Validate_Defaults_Succeeds()
    {
        var options = new AuthOptions();

        Assert.That(validator.Validate(null, options).Succeeded, Is.True);
        Assert.That(options.TokenTtl, Is.EqualTo(TimeSpan.FromHours(4)));
        Assert.That(options.TicketTtl, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(options.UserCacheTtl, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.CookieName, Is.EqualTo("runbot_vscode"));
    }

    [Test]
    public void Validate_EverySettingInvalid_ReportsEachWithKeyAndValue()
    {
        var options = new AuthOptions
        {
            TokenTtl = TimeSpan.FromSeconds(30),
            TicketTtl = TimeSpan.FromSeconds(61),
            UserCacheTtl = TimeSpan.FromSeconds(-1),
            CookieName = "bad name;",
        };
        options.ExtraVerificationSecrets.Add("too-short");

        var failures = validator.Validate(null, options).Failures!.ToList();

        Assert.That(failures, Has.Count.EqualTo(5));
        Assert.That(failures, Has.One.Contain("Auth:TokenTtl").And.Contain("00:00:30"));
        Assert.That(failures, Has.One.Contain("Auth:TicketTtl").And.Contain("00:01:01"));
        Assert.That(failures, Has.One.Contain("Auth:UserCacheTtl").And.Contain("-00:00:01"));
        Assert.That(failures, Has.One.Contain("Auth:CookieName").And.Contain("'bad name;'"));
        Assert.That(failures, Has.One.Contain("Auth:ExtraVerificationSecrets:0").And.Contain("9 characters"));
    }

    [Test]
    public void Validate_ShortSecret_DoesNotShowIt()
    {
        var options = new AuthOptions();
        options.ExtraVerificationSecrets.Add("too-short");

        var failures = validator.Validate(null, options).Failures!;

        Assert.That(failures, Has.None.Contain("too-short"));
    }

    [TestCase("__Host-vscode")]
    [TestCase("__Secure-vscode")]
    [TestCase("")]
    [TestCase("caf\u00E9")]
    [TestCase("a=b")]
    public void Validate_InvalidCookieName_Fails(string cookieName)
    {
        var result = validator.Validate(null, new AuthOptions { CookieName = cookieName });

        Assert.That(result.Failures, Has.One.Contain("Auth:CookieName"));
    }

    [Test]
    public void Validate_CookieNameOfMaxLength_Succeeds()
    {
        var atMax = new AuthOptions { CookieName = new string('a', AuthOptionsValidator.MaxCookieNameLength) };
        var overMax = new AuthOptions { CookieName = new string('a', AuthOptionsValidator.MaxCookieNameLength + 1) };

        Assert.That(validator.Validate(null, atMax).Succeeded, Is.True);
        Assert.That(validator.Validate(null, overMax).Failed, Is.True);
    }

    [Test]
    public void AddAuthOptions_FromConfiguration_BindsAndValidates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:TokenTtl"] = "02:00:00",
            ["Auth:CookieName"] = "vscode_access",
            ["Auth:ExtraVerificationSecrets:0"] = AuthTestValues.OtherSecret,
            ["Auth:ExtraVerificationSecrets:1"] = AuthTestValues.ThirdSecret,
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuthOptions().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AuthOptions>>().Value;

        Assert.That(options.TokenTtl, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(options.CookieName, Is.EqualTo("vscode_access"));
        Assert.That(options.ExtraVerificationSecrets, Is.EqualTo(new[] { AuthTestValues.OtherSecret, AuthTestValues.ThirdSecret }));
    }

    [Test]
    public void AddAuthOptions_InvalidConfiguration_ThrowsNamingKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:TicketTtl"] = "00:05:00",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddAuthOptions().BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AuthOptions>>().Value);

        Assert.That(exception!.Message, Does.Contain("Auth:TicketTtl").And.Contain("00:05:00"));
    }
}
