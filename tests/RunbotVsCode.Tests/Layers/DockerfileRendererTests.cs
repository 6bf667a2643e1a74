namespace RunbotVsCode.Layers.Tests;

public sealed class DockerfileRendererTests
{
    private static readonly RunbotUser User = new(1000, 1000, "runbot");

    [Test]
    public void RenderDockerfile_UnknownId_ThrowsKeyNotFound()
    {
        var renderer = new DockerfileRenderer(new DockerfileGraph([], []), User);

        Assert.That(() => renderer.RenderDockerfile(7), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("7"));
    }

    [Test]
    public void RenderLayer_UnknownId_ThrowsKeyNotFound()
    {
        var renderer = new DockerfileRenderer(new DockerfileGraph([], []), User);

        Assert.That(() => renderer.RenderLayer(9), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("9"));
    }

    [Test]
    public void RenderDockerfile_LongAcyclicChain_StopsAtMaxDepth()
    {
        const int chainLength = 5000;
        var layers = Enumerable.Range(1, chainLength)
            .Select(id => new DockerLayerRow(
                id,
                $"Link {id}",
                DockerfileId: id == 1 ? 1 : null,
                LayerType: DockerLayerTypes.ReferenceLayer,
                ReferenceDockerLayerId: id + 1))
            .Append(new DockerLayerRow(chainLength + 1, "End", LayerType: DockerLayerTypes.Raw, Content: "RUN end"));
        var renderer = new DockerfileRenderer(new DockerfileGraph([new DockerfileRow(1, "Deep")], layers), User);

        var rendering = renderer.RenderDockerfile(1);

        Assert.That(rendering.Text, Does.Contain($"ERROR: references nested deeper than {DockerfileRenderSession.MaxDepth} levels"));
        Assert.That(rendering.Text, Does.Not.Contain("RUN end"));
        Assert.That(rendering.Problems, Has.Count.EqualTo(1));
    }

    [Test]
    public void RenderDockerfile_SameLayerReferencedTwice_IsNoCycle()
    {
        DockerLayerRow[] layers =
        [
            new(1, "Shared", LayerType: DockerLayerTypes.Raw, Content: "RUN shared"),
            new(2, "First", Sequence: 10, DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 1),
            new(3, "Second", Sequence: 20, DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 1),
        ];
        var renderer = new DockerfileRenderer(new DockerfileGraph([new DockerfileRow(1, "Twice")], layers), User);

        var rendering = renderer.RenderDockerfile(1);

        Assert.That(rendering.Text, Is.EqualTo("# Shared\nRUN shared\n\n# Shared\nRUN shared\n\nUSER runbot\n"));
        Assert.That(rendering.Problems, Is.Empty);
    }

    [Test]
    public void DockerfileGraph_DuplicateLayerId_ThrowsArgumentException()
    {
        DockerLayerRow[] layers = [new(1, "One"), new(1, "Again")];

        Assert.That(() => new DockerfileGraph([], layers), Throws.ArgumentException.With.Message.Contains("id 1"));
    }

    [TestCase(" ")]
    [TestCase("run bot")]
    [TestCase("runbot\nRUN evil")]
    public void Constructor_InvalidUserName_ThrowsArgumentException(string name)
    {
        Assert.That(
            () => new DockerfileRenderer(new DockerfileGraph([], []), new RunbotUser(1, 1, name)),
            Throws.ArgumentException);
    }

    [Test]
    public void RenderDockerfile_ParentIncludesVariant_NamesImplicitLayerInCycle()
    {
        DockerLayerRow[] layers =
        [
            new(1, "Back to variant", DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceFile, ReferenceDockerfileId: 2),
            new(2, "Variant layer", DockerfileId: 2, Content: "RUN variant"),
        ];
        var graph = new DockerfileGraph([new DockerfileRow(1, "Base"), new DockerfileRow(2, "variant", ParentId: 1)], layers);

        var rendering = new DockerfileRenderer(graph, User).RenderDockerfile(2);

        Assert.That(rendering.Problems.Select(problem => problem.Message), Is.EqualTo(new[]
        {
            "reference cycle: Dockerfile 2 -> the implicit parent layer -> Dockerfile 1 -> layer 1 -> Dockerfile 2",
        }));
    }
}
