namespace RunbotVsCode.Layers.Tests;

public sealed class DockerfileGraphTests
{
    private static readonly DockerfileRow[] Dockerfiles =
    [
        new(1, "Jammy", ImageTag: "odoo:Jammy"),
        new(2, "Noble", ImageTag: "odoo:Noble"),
        new(3, "chrome", ParentId: 1, ImageTag: "odoo:Jammy.chrome"),
        new(4, "chrome", ParentId: 2, ImageTag: "odoo:Noble.chrome"),
    ];

    [Test]
    public void FindDockerfileByName_UniqueName_ReturnsRow()
    {
        var graph = new DockerfileGraph(Dockerfiles, []);

        Assert.That(graph.FindDockerfileByName("Noble").Id, Is.EqualTo(2));
    }

    [Test]
    public void FindDockerfileByName_ImageTag_ReturnsVariant()
    {
        var graph = new DockerfileGraph(Dockerfiles, []);

        Assert.That(graph.FindDockerfileByName("odoo:Noble.chrome").Id, Is.EqualTo(4));
    }

    [Test]
    public void FindDockerfileByName_SharedVariantName_ListsImageTags()
    {
        var graph = new DockerfileGraph(Dockerfiles, []);

        Assert.That(
            () => graph.FindDockerfileByName("chrome"),
            Throws.TypeOf<DockerfileGraphException>().With.Message.Contains("odoo:Jammy.chrome (id 3), odoo:Noble.chrome (id 4)"));
    }

    [Test]
    public void FindDockerfileByName_UnknownName_SuggestsNearestFirst()
    {
        var graph = new DockerfileGraph(Dockerfiles, []);

        var exception = Assert.Throws<DockerfileNotFoundException>(() => graph.FindDockerfileByName("nobel"));

        Assert.That(exception.ClosestNames, Is.EqualTo(new[] { "Noble", "Jammy", "chrome" }));
        Assert.That(exception.Name, Is.EqualTo("nobel"));
    }

    [Test]
    public void FindDockerfileByName_EmptyTable_SaysNoRows()
    {
        var graph = new DockerfileGraph([], []);

        Assert.That(
            () => graph.FindDockerfileByName("Any"),
            Throws.TypeOf<DockerfileNotFoundException>().With.Message.Contains("runbot_dockerfile has no rows"));
    }

    [Test]
    public void FindMissingReferences_DanglingIds_ListsEachReachableOne()
    {
        DockerLayerRow[] layers =
        [
            new(10, "Ok", DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 11),
            new(11, "Nested", LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 99),
            new(12, "Lost file", DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceFile, ReferenceDockerfileId: 98),
            new(13, "Elsewhere", DockerfileId: 2, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 97),
        ];
        var graph = new DockerfileGraph([new DockerfileRow(1, "One"), new DockerfileRow(2, "Two")], layers);

        var missing = graph.FindMissingReferences(1);

        Assert.That(missing, Has.Count.EqualTo(2));
        Assert.That(missing, Has.Some.EqualTo("Layer 11 'Nested' references layer 99, which does not exist."));
        Assert.That(missing, Has.Some.EqualTo("Layer 12 'Lost file' references Dockerfile 98, which does not exist."));
    }

    [Test]
    public void FindMissingReferences_CycleWithoutDanglingIds_ReturnsEmpty()
    {
        DockerLayerRow[] layers =
        [
            new(1, "A", DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 2),
            new(2, "B", LayerType: DockerLayerTypes.ReferenceLayer, ReferenceDockerLayerId: 1),
            new(3, "Self", DockerfileId: 1, LayerType: DockerLayerTypes.ReferenceFile, ReferenceDockerfileId: 1),
        ];
        var graph = new DockerfileGraph([new DockerfileRow(1, "Loop")], layers);

        Assert.That(graph.FindMissingReferences(1), Is.Empty);
    }

    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "abc", 3)]
    [TestCase("same", "same", 0)]
    [TestCase("flaw", "lawn", 2)]
    public void EditDistanceBetween_Pair_CountsEdits(string source, string target, int expected)
    {
        Assert.That(EditDistance.Between(source, target), Is.EqualTo(expected));
    }
}
