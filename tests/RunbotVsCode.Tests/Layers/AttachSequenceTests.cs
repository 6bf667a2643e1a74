namespace RunbotVsCode.Layers.Tests;

public sealed class AttachSequenceTests
{
    private static readonly RunbotUser User = new(1000, 1000, "runbot");

    [TestCase("# Switch user\nUSER runbot", ExpectedResult = true)]
    [TestCase("# Switch user\nUSER 1000:1000", ExpectedResult = true)]
    [TestCase("# Root user\nUSER root", ExpectedResult = false)]
    [TestCase("USER 0", ExpectedResult = false)]
    [TestCase("# Locale\nENV LANG C.UTF-8\nUSER runbot", ExpectedResult = false)]
    [TestCase("# only a comment", ExpectedResult = false)]
    public bool SwitchesToUser_RenderedLayer_DetectsFinalUserSwitch(string rendered) => AttachSequence.SwitchesToUser(rendered);

    [Test]
    public void Choose_CreateUserAndSwitchLayers_ReturnsGapBelowLowest()
    {
        var graph = Graph(
            new DockerLayerRow(1, "Create user template", -1, LayerType: DockerLayerTypes.Template, Content: "RUN useradd {USERNAME}"),
            new DockerLayerRow(2, "Root user", 20, 10, Content: "USER root"),
            new DockerLayerRow(3, "Create user", 1010, 10, DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 1),
            new DockerLayerRow(4, "Switch user", 1020, 10, DockerLayerTypes.Template, Content: "USER {USERNAME}"));

        Assert.That(AttachSequence.Choose(graph, new DockerfileRenderer(graph, User), 10, createUserTemplateId: 1), Is.EqualTo(1005));
        Assert.That(AttachSequence.Choose(graph, new DockerfileRenderer(graph, User), 10, createUserTemplateId: null), Is.EqualTo(1015));
    }

    [Test]
    public void Choose_NoUserLayers_ReturnsGapAfterLast()
    {
        var graph = Graph(
            new DockerLayerRow(1, "Chrome", 10, 10, Content: "RUN true"),
            new DockerLayerRow(2, "Unordered", null, 10, Content: "RUN false"));

        Assert.That(AttachSequence.Choose(graph, new DockerfileRenderer(graph, User), 10, null), Is.EqualTo(15));
    }

    [Test]
    public void Choose_NoLayers_ReturnsDefault()
    {
        var graph = Graph();

        Assert.That(AttachSequence.Choose(graph, new DockerfileRenderer(graph, User), 10, null), Is.EqualTo(AttachSequence.Default));
    }

    private static DockerfileGraph Graph(params DockerLayerRow[] layers) => new([new DockerfileRow(10, "Stock")], layers);
}
