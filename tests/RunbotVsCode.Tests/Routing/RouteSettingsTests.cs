namespace RunbotVsCode.Routing.Tests;

public class RouteSettingsTests
{
    private const string BaseUrl = "https://runbot.example.com";

    private static Dictionary<string, string> Parameters(params (string Key, string Value)[] pairs)
    {
        var parameters = pairs.ToDictionary(pair => pair.Key, pair => pair.Value);
        parameters.TryAdd(RouteSettings.BaseUrlKey, BaseUrl);
        return parameters;
    }

    [Test]
    public void Resolve_NothingSet_UsesDefaults()
    {
        var settings = RouteSettings.Resolve(new RoutingOptions(), Parameters());

        Assert.That(settings.Suffix, Is.EqualTo(RouteSettings.DefaultSuffix));
        Assert.That(settings.Scheme, Is.EqualTo(RouteSettings.DefaultScheme));
    }

    [Test]
    public void Resolve_DatabaseOnly_UsesDatabaseValues()
    {
        var parameters = Parameters((RouteSettings.SuffixKey, "code"), (RouteSettings.SchemeKey, "http"));

        var settings = RouteSettings.Resolve(new RoutingOptions(), parameters);

        Assert.That(settings.Suffix, Is.EqualTo("code"));
        Assert.That(settings.Scheme, Is.EqualTo("http"));
    }

    [Test]
    public void Resolve_SettingsAndDatabase_SettingsWin()
    {
        var options = new RoutingOptions { Suffix = "editor", Scheme = "https", OpenBaseUrl = "https://settings.example.com" };
        var parameters = Parameters((RouteSettings.SuffixKey, "code"), (RouteSettings.SchemeKey, "http"));

        var settings = RouteSettings.Resolve(options, parameters);

        Assert.That(settings.Suffix, Is.EqualTo("editor"));
        Assert.That(settings.Scheme, Is.EqualTo("https"));
        Assert.That(settings.OpenBaseUrl, Is.EqualTo("https://settings.example.com"));
    }

    [Test]
    public void Resolve_SettingsOverrideInvalidDatabaseValue_DoesNotThrow()
    {
        var options = new RoutingOptions { Suffix = "editor" };
        var parameters = Parameters((RouteSettings.SuffixKey, "bad;value"));

        Assert.That(() => RouteSettings.Resolve(options, parameters), Throws.Nothing);
    }

    [Test]
    public void Resolve_DatabaseValueWithSpaces_TrimsIt()
    {
        var parameters = Parameters((RouteSettings.SuffixKey, "  code \n"));

        var settings = RouteSettings.Resolve(new RoutingOptions(), parameters);

        Assert.That(settings.Suffix, Is.EqualTo("code"));
    }

    [Test]
    public void Resolve_BaseUrlFromDatabase_DropsTrailingSlash()
    {
        var parameters = new Dictionary<string, string> { [RouteSettings.BaseUrlKey] = "https://runbot.example.com/" };

        var settings = RouteSettings.Resolve(new RoutingOptions(), parameters);

        Assert.That(settings.OpenBaseUrl, Is.EqualTo("https://runbot.example.com"));
    }

    [TestCase(RouteSettings.SuffixKey, "bad;value")]
    [TestCase(RouteSettings.SuffixKey, "Code")]
    [TestCase(RouteSettings.SuffixKey, "a-very-long-suffix-over-20")]
    [TestCase(RouteSettings.SuffixKey, "")]
    [TestCase(RouteSettings.SchemeKey, "ftp")]
    [TestCase(RouteSettings.SchemeKey, "HTTPS")]
    [TestCase(RouteSettings.BaseUrlKey, "not a url")]
    [TestCase(RouteSettings.BaseUrlKey, "https://runbot.example.com/odoo")]
    public void Resolve_InvalidDatabaseValue_ThrowsNamingKey(string key, string value)
    {
        var parameters = Parameters((key, value));

        var exception = Assert.Throws<InvalidRouteSettingsException>(() => RouteSettings.Resolve(new RoutingOptions(), parameters));

        Assert.That(exception.Message, Does.Contain($"'{key}'"));
    }

    [TestCase(RouteSettings.SuffixKey, "bad;value")]
    [TestCase(RouteSettings.SchemeKey, "ftp")]
    [TestCase(RouteSettings.BaseUrlKey, "https://runbot.example.com/odoo")]
    public void Resolve_InvalidDatabaseValue_ThrowsNamingValue(string key, string value)
    {
        var parameters = Parameters((key, value));

        var exception = Assert.Throws<InvalidRouteSettingsException>(() => RouteSettings.Resolve(new RoutingOptions(), parameters));

        Assert.That(exception.Message, Does.Contain($"'{value}'"));
    }

    [Test]
    public void Resolve_BaseUrlMissing_ThrowsNamingKey()
    {
        var exception = Assert.Throws<InvalidRouteSettingsException>(
            () => RouteSettings.Resolve(new RoutingOptions(), new Dictionary<string, string>()));

        Assert.That(exception.Message, Does.Contain(RouteSettings.BaseUrlKey));
    }

    [Test]
    public void Resolve_BaseUrlMissingButSet_UsesSetting()
    {
        var options = new RoutingOptions { OpenBaseUrl = "http://runbot.localhost:8069" };

        var settings = RouteSettings.Resolve(options, new Dictionary<string, string>());

        Assert.That(settings.OpenBaseUrl, Is.EqualTo("http://runbot.localhost:8069"));
    }

    [TestCase("https://runbot.example.com", "https://runbot.example.com")]
    [TestCase("https://runbot.example.com/", "https://runbot.example.com")]
    [TestCase("http://runbot.example.com", "http://runbot.example.com")]
    [TestCase("https://runbot.example.com:8443", "https://runbot.example.com:8443")]
    [TestCase("https://runbot.example.com:443", "https://runbot.example.com")]
    [TestCase("http://runbot.example.com:80/", "http://runbot.example.com")]
    [TestCase(" https://runbot.example.com ", "https://runbot.example.com")]
    [TestCase("https://RUNBOT.example.com", "https://runbot.example.com")]
    public void ParseBaseUrl_ValidUrl_ReturnsOrigin(string value, string expected)
    {
        Assert.That(RouteSettings.ParseBaseUrl(value), Is.EqualTo(expected));
    }

    [TestCase("https://runbot.example.com/odoo")]
    [TestCase("https://runbot.example.com/?debug=1")]
    [TestCase("https://runbot.example.com/#top")]
    [TestCase("https://admin:secret@runbot.example.com")]
    [TestCase("https://admin@runbot.example.com")]
    [TestCase("ftp://runbot.example.com")]
    [TestCase("runbot.example.com")]
    [TestCase("/runbot")]
    [TestCase("")]
    [TestCase("https://runbot_1.example.com")]
    [TestCase("https://runbot.example.com;evil")]
    public void ParseBaseUrl_InvalidUrl_ReturnsNull(string value)
    {
        Assert.That(RouteSettings.ParseBaseUrl(value), Is.Null);
    }

    [Test]
    public void ParseBaseUrl_Null_ReturnsNull()
    {
        Assert.That(RouteSettings.ParseBaseUrl(null), Is.Null);
    }
}
