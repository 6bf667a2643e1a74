namespace RunbotVsCode.Layers.Tests;

/// <summary>Renders Dockerfiles that reference the code-server layer, as runbot would build them.</summary>
public sealed class CodeServerLayerDockerfileTests
{
    private const int TemplateLayerId = 30;
    private static readonly RunbotUser User = new(1000, 1000, "runbot");

    private DockerfileRenderer _renderer = null!;

    [OneTimeSetUp]
    public void BuildGraph()
    {
        var layer = CodeServerLayerRenderer
            .Load(RepositoryFiles.PathOf(new LayerOptions().TemplatePath))
            .Render(new LayerOptions());
        DockerfileRow[] dockerfiles =
        [
            new(1, "DockerDefault"),
            new(2, "Pinned"),
            new(3, "Defaulted", DefaultValues: """{"CODE_SERVER_VERSION": "4.106.3"}"""),
        ];
        DockerLayerRow[] layers =
        [
            new(1, "Base image", Sequence: 0, DockerfileId: 1, Content: "FROM ubuntu:noble"),
            new(2, "Code server", Sequence: 900, DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: TemplateLayerId, Values: "{}"),
            new(3, "Switch user", Sequence: 1020, DockerfileId: 1, LayerType: DockerLayerTypes.Template, Content: "USER {USERNAME}", Values: "{}"),
            new(4, "Code server", DockerfileId: 2, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: TemplateLayerId, Values: """{"CODE_SERVER_VERSION": "4.99.3"}"""),
            new(5, "Code server", DockerfileId: 3, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: TemplateLayerId, Values: "{}"),
            new(TemplateLayerId, layer.Name, Sequence: -1, LayerType: DockerLayerTypes.Template, Content: layer.Content, Values: layer.Values),
        ];
        _renderer = new DockerfileRenderer(new DockerfileGraph(dockerfiles, layers), User);
    }

    [Test]
    public void RenderDockerfile_ReferenceLayer_FillsLayerDefaults()
    {
        const string expected = """
            # Base image
            FROM ubuntu:noble

            # code-server with values {"USERUID": 1000, "USERGID": 1000, "CODE_SERVER_VERSION": "4.104.0"}
            USER root
            # CACHE 604800
            ADD https://github.com/coder/code-server/releases/download/v4.104.0/code-server_4.104.0_amd64.deb /tmp/code-server.deb
            RUN dpkg -i /tmp/code-server.deb \
                && rm -f /tmp/code-server.deb
            RUN mkdir -p /opt/code-server/extensions \
                && chown -R 1000:1000 /opt/code-server/extensions
            LABEL org.runbot-vscode.code-server="4.104.0" \
                  org.runbot-vscode.extensions-dir="/opt/code-server/extensions"

            # Switch user
            USER runbot

            """;

        var rendering = _renderer.RenderDockerfile(1);

        Assert.That(rendering.Text, Is.EqualTo(expected));
        Assert.That(rendering.Problems, Is.Empty);
    }

    [Test]
    public void RenderDockerfile_ReferencingLayerValue_OverridesVersion()
    {
        var text = _renderer.RenderDockerfile(2).Text;

        Assert.That(text, Does.Contain("/download/v4.99.3/code-server_4.99.3_amd64.deb /tmp/code-server.deb\n"));
        Assert.That(text, Does.Contain("LABEL org.runbot-vscode.code-server=\"4.99.3\""));
        Assert.That(text, Does.Not.Contain("4.104.0"));
        Assert.That(text, Does.Not.Contain("{CODE_SERVER_VERSION}"));
        Assert.That(text, Does.EndWith("\n\nUSER runbot\n"));
    }

    [Test]
    public void RenderDockerfile_DockerfileDefault_OverridesVersion()
    {
        var text = _renderer.RenderDockerfile(3).Text;

        Assert.That(text, Does.Contain("/download/v4.106.3/code-server_4.106.3_amd64.deb /tmp/code-server.deb\n"));
        Assert.That(text, Does.Contain("LABEL org.runbot-vscode.code-server=\"4.106.3\""));
        Assert.That(text, Does.Not.Contain("{CODE_SERVER_VERSION}"));
    }
}
