using System.Text.Json;
using Microsoft.Extensions.Options;
using Scriban.Syntax;

namespace RunbotVsCode.Layers.Tests;

public sealed class CodeServerLayerRendererTests
{
    private const string DebUrl =
        "https://github.com/coder/code-server/releases/download/v{CODE_SERVER_VERSION}/code-server_{CODE_SERVER_VERSION}_amd64.deb";

    private static readonly string Sha256 = new('A', 64);

    private CodeServerLayerRenderer _renderer = null!;

    [OneTimeSetUp]
    public void LoadTemplate()
    {
        _renderer = CodeServerLayerRenderer.Load(RepositoryFiles.PathOf(new LayerOptions().TemplatePath));
    }

    public static IEnumerable<TestCaseData> OptionSets()
    {
        yield return new TestCaseData(new LayerOptions()).SetArgDisplayNames("defaults");
        yield return new TestCaseData(new LayerOptions { NodeJs = true }).SetArgDisplayNames("node only");
        yield return new TestCaseData(FullOptions()).SetArgDisplayNames("everything");
    }

    [TestCaseSource(nameof(OptionSets))]
    public void Render_Options_EveryLineIsAnInstruction(LayerOptions options)
    {
        var content = _renderer.Render(options).Content;

        Assert.That(DockerfileSyntax.InvalidLines(content), Is.Empty);
        Assert.That(content, Does.Not.EndWith("\n"));
    }

    [Test]
    public void Render_Defaults_CacheLineRightBeforeAdd()
    {
        var lines = _renderer.Render(new LayerOptions()).Content.Split('\n');

        var cacheIndex = Array.IndexOf(lines, "# CACHE 604800");

        Assert.That(cacheIndex, Is.GreaterThanOrEqualTo(0));
        Assert.That(lines[cacheIndex + 1], Is.EqualTo($"ADD {DebUrl} /tmp/code-server.deb"));
    }

    [Test]
    public void Render_CacheDuration_WritesWholeSeconds()
    {
        var content = _renderer.Render(new LayerOptions { CacheDuration = TimeSpan.FromHours(1) }).Content;

        Assert.That(content, Does.Contain("\n# CACHE 3600\nADD https://"));
    }

    [Test]
    public void Render_Defaults_LabelsVersionPlaceholder()
    {
        var layer = _renderer.Render(new LayerOptions());

        Assert.That(layer.Content, Does.Contain("\nLABEL org.runbot-vscode.code-server=\"{CODE_SERVER_VERSION}\" \\\n"));
        Assert.That(layer.Content, Does.Contain("org.runbot-vscode.extensions-dir=\"/opt/code-server/extensions\""));
        Assert.That(layer.Content, Does.Not.Contain("4.104.0"));
        Assert.That(layer.Values, Is.EqualTo("""{"CODE_SERVER_VERSION":"4.104.0"}"""));
    }

    [Test]
    public void Render_Defaults_InstallsWithoutChecksum()
    {
        var lines = DockerfileSyntax.LogicalLines(_renderer.Render(new LayerOptions()).Content);

        Assert.That(lines, Has.One.EqualTo("RUN dpkg -i /tmp/code-server.deb && rm -f /tmp/code-server.deb"));
        Assert.That(lines, Has.None.Contains("sha256sum"));
        Assert.That(lines, Has.None.Contains("npm"));
        Assert.That(lines, Has.None.Contains("--install-extension"));
    }

    [Test]
    public void Render_Sha256_ChecksDebBeforeInstall()
    {
        var layer = _renderer.Render(new LayerOptions { Sha256 = Sha256 });

        var lines = DockerfileSyntax.LogicalLines(layer.Content);
        using var values = JsonDocument.Parse(layer.Values);

        Assert.That(lines, Has.One.EqualTo(
            "RUN echo \"{CODE_SERVER_SHA256}  /tmp/code-server.deb\" | sha256sum -c - && dpkg -i /tmp/code-server.deb && rm -f /tmp/code-server.deb"));
        Assert.That(values.RootElement.GetProperty("CODE_SERVER_SHA256").GetString(), Is.EqualTo(new string('a', 64)));
    }

    [Test]
    public void Render_CliTools_InstallsNodeAndToolsInOneRun()
    {
        var lines = DockerfileSyntax.LogicalLines(_renderer.Render(FullOptions()).Content);

        var npmLines = lines.Where(line => line.Contains("npm", StringComparison.Ordinal)).ToList();

        Assert.That(npmLines, Has.Count.EqualTo(1));
        Assert.That(npmLines[0], Does.StartWith("RUN apt-get update -qq && "));
        Assert.That(npmLines[0], Does.Contain("--no-install-recommends nodejs npm && "));
        Assert.That(npmLines[0], Does.Contain(
            "npm install --global --no-audit --no-fund @anthropic-ai/claude-code @openai/codex @google/gemini-cli opencode-ai && "));
    }

    [Test]
    public void Render_Extensions_InstallsEachIntoSharedFolder()
    {
        var lines = DockerfileSyntax.LogicalLines(_renderer.Render(FullOptions()).Content);

        var extensionLine = lines.Single(line => line.Contains("--install-extension", StringComparison.Ordinal));

        Assert.That(extensionLine, Does.Contain("code-server --extensions-dir /opt/code-server/extensions --user-data-dir /tmp/code-server-build"));
        Assert.That(extensionLine, Does.Contain("--install-extension ms-python.python --install-extension esbenp.prettier-vscode@11.0.0 &&"));
        Assert.That(extensionLine, Does.EndWith("&& chown -R {USERUID}:{USERGID} /opt/code-server/extensions"));
    }

    [Test]
    public void Render_Options_SwitchesToRootOnlyAtStart()
    {
        var lines = DockerfileSyntax.LogicalLines(_renderer.Render(FullOptions()).Content);

        Assert.That(lines[0], Is.EqualTo("USER root"));
        Assert.That(lines.Count(line => line.StartsWith("USER ", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [TestCase("Extensions", "ms-python.python extra")]
    [TestCase("Extensions", "ms-python.python\"")]
    [TestCase("Extensions", "it's.quoted")]
    [TestCase("Extensions", "nodot")]
    [TestCase("CliTools", "tool;rm -rf /")]
    [TestCase("CliTools", "{USERNAME}")]
    [TestCase("CliTools", "Upper-Case")]
    [TestCase("CliTools", "tool@^1.0.0")]
    public void Render_InvalidListItem_ThrowsValidation(string key, string value)
    {
        var options = new LayerOptions { NodeJs = true };
        (key == "Extensions" ? options.Extensions : options.CliTools).Add(value);

        var exception = Assert.Throws<OptionsValidationException>(() => _renderer.Render(options));

        Assert.That(exception.Failures, Has.One.Contains($"Layer:{key}:0 is invalid: got '{value}'"));
    }

    [TestCase("4.104", null, 60.0)]
    [TestCase("4.104.0 ", null, 60.0)]
    [TestCase("{CODE_SERVER_VERSION}", null, 60.0)]
    [TestCase("4.104.0", "abc", 60.0)]
    [TestCase("4.104.0", null, 0.0)]
    [TestCase("4.104.0", null, 1.5)]
    public void Render_InvalidScalar_ThrowsValidation(string version, string? sha256, double cacheSeconds)
    {
        var options = new LayerOptions { Version = version, Sha256 = sha256, CacheDuration = TimeSpan.FromSeconds(cacheSeconds) };

        Assert.That(() => _renderer.Render(options), Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var options = new LayerOptions { Version = "latest", CliTools = ["ok-tool"], Extensions = ["a.b", "bad one"] };

        var result = new LayerOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.Exactly(3).Items);
        Assert.That(result.Failures, Has.One.Contains("Layer:Version is invalid: got 'latest'"));
        Assert.That(result.Failures, Has.One.Contains("Layer:CliTools needs npm: set Layer:NodeJs to true."));
        Assert.That(result.Failures, Has.One.Contains("Layer:Extensions:1 is invalid: got 'bad one'"));
    }

    [Test]
    public void Parse_InvalidTemplate_ThrowsWithLine()
    {
        Assert.That(
            () => CodeServerLayerRenderer.Parse("USER root\n{{ if }}\n", "/templates/bad.scriban"),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("/templates/bad.scriban(2,"));
    }

    [Test]
    public void Render_UnknownTemplateVariable_Throws()
    {
        var renderer = CodeServerLayerRenderer.Parse("RUN {{ missing_value }}", "/templates/strict.scriban");

        Assert.That(() => renderer.Render(new LayerOptions()), Throws.InstanceOf<ScriptRuntimeException>());
    }

    private static LayerOptions FullOptions() => new()
    {
        Sha256 = Sha256,
        NodeJs = true,
        CliTools = ["@anthropic-ai/claude-code", "@openai/codex", "@google/gemini-cli", "opencode-ai"],
        Extensions = ["ms-python.python", "esbenp.prettier-vscode@11.0.0"],
    };
}
