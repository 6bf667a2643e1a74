using System.Text;
using System.Text.Json;
using RunbotVsCode.Routing;
using RunbotVsCode.TestSupport;

namespace RunbotVsCode.Rendering.Tests;

public class NginxConfigRendererTests
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string GoldenFolder => Path.Combine(AppContext.BaseDirectory, "Rendering", "Golden");

    private static NginxConfigRenderer Renderer() => new(TemplateFile.Load(RepositoryFiles.NginxTemplate));

    private static BuildRoute Route(long id, string dest) =>
        new(id, dest, $"{dest}-vscode.runbot.example.com", $"http://127.0.0.1:{2000 + id}", $"https://runbot.example.com/runbot/vscode/{id}", $"https://{dest}-vscode.runbot.example.com");

    private static NginxConfigModel Model(params BuildRoute[] routes) => new("8080", "127.0.0.1:8079", 32, "runbot_vscode", routes);

    /// <summary>Lists each <c>NNN-name.json</c> model in the golden folder; its expected output is <c>NNN-name.conf</c>.</summary>
    public static IEnumerable<TestCaseData> GoldenCases() =>
        Directory.GetFiles(GoldenFolder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileNameWithoutExtension(path)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(path)));

    [Test]
    public void GoldenCases_CopiedFolder_EachModelHasExpectedFile()
    {
        var names = GoldenCases().Select(data => (string)data.Arguments[0]!).ToList();

        Assert.That(names, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(names.Where(name => !File.Exists(Path.Combine(GoldenFolder, name + ".conf"))), Is.Empty);
    }

    [TestCaseSource(nameof(GoldenCases))]
    public void Render_GoldenModel_MatchesExpectedFile(string name)
    {
        var model = JsonSerializer.Deserialize<NginxConfigModel>(File.ReadAllText(Path.Combine(GoldenFolder, name + ".json")), JsonOptions)!;
        var expected = File.ReadAllText(Path.Combine(GoldenFolder, name + ".conf"), Encoding.UTF8);

        var actual = Renderer().Render(model);

        if (actual != expected)
        {
            var actualPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, name + ".actual.conf");
            File.WriteAllText(actualPath, actual);
            TestContext.AddTestAttachment(actualPath, "What the renderer produced");
        }

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Render_SameModelTwice_ByteIdentical()
    {
        var renderer = Renderer();
        var model = Model(Route(2, "00002-17-0"), Route(1, "00001-17-0"));

        var first = Encoding.UTF8.GetBytes(renderer.Render(model));
        var second = Encoding.UTF8.GetBytes(renderer.Render(model));

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Render_TwoRenderersSameModel_ByteIdentical()
    {
        var model = Model(Route(1, "00001-17-0"));

        var first = Renderer().Render(model);
        var second = Renderer().Render(model);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Render_Routes_OneServerBlockEach()
    {
        var config = Renderer().Render(Model(Route(1, "00001-17-0"), Route(2, "00002-17-0")));

        Assert.That(config.Split('\n').Count(line => line == "server {"), Is.EqualTo(2));
    }

    [Test]
    public void Render_Output_HasOnlyLineFeeds()
    {
        var config = Renderer().Render(Model(Route(1, "00001-17-0")));

        Assert.That(config, Does.Not.Contain("\r"));
    }

    [Test]
    public void Render_Output_EndsWithOneNewline()
    {
        var config = Renderer().Render(Model(Route(1, "00001-17-0")));

        Assert.That(config, Does.EndWith("}\n"));
        Assert.That(config, Does.Not.EndWith("\n\n"));
    }

    [Test]
    public void Render_OverOneMebibyte_NotTruncated()
    {
        // 2,000 server blocks render to about 3.3 MB, past Scriban's default 1 MiB cut of rendered strings.
        var routes = Enumerable.Range(1, 2_000).Select(id => Route(id, $"{id:00000}-17-0")).ToArray();

        var config = Renderer().Render(Model(routes));

        Assert.That(config.Length, Is.GreaterThan(1 << 20));
        Assert.That(config.Split('\n').Count(line => line == "server {"), Is.EqualTo(2_000));
        Assert.That(config, Does.EndWith("}\n"));
    }

    [TestCase("runbot vscode")]
    [TestCase("runbot;vscode")]
    [TestCase("")]
    public void Render_InvalidCookieName_Throws(string cookieName)
    {
        var model = Model() with { CookieName = cookieName };

        Assert.That(() => Renderer().Render(model), Throws.ArgumentException);
    }

    [TestCase("https://00002-17-0-vscode.runbot.example.com")]
    [TestCase("not a url")]
    [TestCase("")]
    public void Render_OriginNotOfServerName_Throws(string origin)
    {
        var model = Model(Route(1, "00001-17-0") with { Origin = origin });

        Assert.That(() => Renderer().Render(model), Throws.ArgumentException.With.Message.Contains("build 1"));
    }
}
