namespace RunbotVsCode.Runbot.Tests;

public class LayerGraphTests
{
    private const int Target = 100;

    private static readonly LayerNode TargetLayer = Layer(Target, "code-server", null, "template");

    private static DockerfileNode Dockerfile(int id, string name, int? parentId = null) =>
        new() { Id = id, Name = name, ParentId = parentId, Active = true };

    private static LayerNode Layer(int id, string name, int? dockerfileId, string type, int? referenceLayerId = null, int? referenceDockerfileId = null) =>
        new()
        {
            Id = id,
            Name = name,
            DockerfileId = dockerfileId,
            LayerType = type,
            ReferenceLayerId = referenceLayerId,
            ReferenceDockerfileId = referenceDockerfileId,
        };

    private static LayerNode ReferenceLayer(int id, int? dockerfileId, int referenceLayerId) =>
        Layer(id, $"use {referenceLayerId}", dockerfileId, "reference_layer", referenceLayerId: referenceLayerId);

    private static LayerNode ReferenceFile(int id, int dockerfileId, int referenceDockerfileId) =>
        Layer(id, $"use file {referenceDockerfileId}", dockerfileId, "reference_file", referenceDockerfileId: referenceDockerfileId);

    private static LayerInclusion Find(IEnumerable<DockerfileNode> dockerfiles, IEnumerable<LayerNode> layers) =>
        new LayerGraph(dockerfiles, layers).FindInclusions(Target);

    private static List<DockerfileNode> ChainOfDockerfiles(int depth) =>
        [.. Enumerable.Range(1, depth).Select(id => Dockerfile(id, $"D{id}"))];

    /// <summary>Builds a chain where Dockerfile n references Dockerfile n + 1, and the last one contains the target layer when <paramref name="withTarget"/> is set.</summary>
    private static List<LayerNode> ChainOfReferenceFiles(int depth, bool withTarget)
    {
        var layers = Enumerable.Range(1, depth - 1).Select(id => ReferenceFile(1_000_000 + id, id, id + 1)).ToList();
        layers.Add(withTarget ? Layer(Target, "code-server", depth, "template") : TargetLayer);
        return layers;
    }

    [Test]
    public void FindInclusions_DirectReferenceLayer_IncludesDockerfile()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [TargetLayer, ReferenceLayer(10, 1, Target)]);

        Assert.That(inclusion.Includes(1), Is.True);
    }

    [Test]
    public void FindInclusions_DirectReferenceLayer_PathNamesEachRow()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [TargetLayer, ReferenceLayer(10, 1, Target)]);

        Assert.That(inclusion.PathsByDockerfile[1], Is.EqualTo(new[]
        {
            "Dockerfile 1 'DockerDefault'",
            "layer 10 'use 100' (reference_layer)",
            "layer 100 'code-server' (template)",
        }));
    }

    [Test]
    public void FindInclusions_UnrelatedDockerfile_NotIncluded()
    {
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Other")],
            [TargetLayer, ReferenceLayer(10, 1, Target), Layer(20, "apt", 2, "template")]);

        Assert.That(inclusion.Includes(2), Is.False);
        Assert.That(inclusion.PathsByDockerfile.Keys, Is.EquivalentTo(new[] { 1 }));
    }

    [Test]
    public void FindInclusions_ReferenceLayerChain_IncludesDockerfile()
    {
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault")],
            [TargetLayer, ReferenceLayer(10, 1, 20), ReferenceLayer(20, null, 30), ReferenceLayer(30, null, Target)]);

        Assert.That(inclusion.Includes(1), Is.True);
        Assert.That(inclusion.PathsByDockerfile[1], Has.Count.EqualTo(5));
    }

    [Test]
    public void FindInclusions_ReferenceFileChain_IncludesEveryDockerfileOnIt()
    {
        var inclusion = Find(
            [Dockerfile(1, "Top"), Dockerfile(2, "Middle"), Dockerfile(3, "Bottom")],
            [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 3), ReferenceLayer(30, 3, Target)]);

        Assert.That(inclusion.PathsByDockerfile.Keys, Is.EquivalentTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void FindInclusions_ReferenceFileChain_PathFollowsChain()
    {
        var inclusion = Find(
            [Dockerfile(1, "Top"), Dockerfile(2, "Middle"), Dockerfile(3, "Bottom")],
            [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 3), ReferenceLayer(30, 3, Target)]);

        Assert.That(inclusion.PathsByDockerfile[1], Is.EqualTo(new[]
        {
            "Dockerfile 1 'Top'",
            "layer 10 'use file 2' (reference_file)",
            "Dockerfile 2 'Middle'",
            "layer 20 'use file 3' (reference_file)",
            "Dockerfile 3 'Bottom'",
            "layer 30 'use 100' (reference_layer)",
            "layer 100 'code-server' (template)",
        }));
    }

    [Test]
    public async Task FindInclusions_ReferenceFileChain100000Deep_IncludesEveryDockerfile()
    {
        // Every Dockerfile on the chain renders the layer, so building all their paths up front would cost the square of the depth.
        const int depth = 100_000;
        var finding = Task.Run(() => Find(ChainOfDockerfiles(depth), ChainOfReferenceFiles(depth, withTarget: true)));

        var finished = await Task.WhenAny(finding, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.That(finished, Is.SameAs(finding), "FindInclusions did not finish within 60 seconds.");
        var inclusion = await finding;

        Assert.That(inclusion.PathsByDockerfile, Has.Count.EqualTo(depth));
        Assert.That(inclusion.Includes(1), Is.True);
        Assert.That(inclusion.Includes(depth), Is.True);
    }

    [Test]
    public void FindInclusions_ReferenceFileChain100000Deep_PathOfFirstDockerfileHasEveryRow()
    {
        const int depth = 100_000;
        var inclusion = Find(ChainOfDockerfiles(depth), ChainOfReferenceFiles(depth, withTarget: true));

        var path = inclusion.PathsByDockerfile[1];

        Assert.That(path, Has.Count.EqualTo(2 * depth));
        Assert.That(path[^1], Is.EqualTo("layer 100 'code-server' (template)"));
    }

    [Test]
    public void FindInclusions_ReferenceFileChain100000DeepWithoutTarget_NotIncluded()
    {
        const int depth = 100_000;
        var inclusion = Find(ChainOfDockerfiles(depth), ChainOfReferenceFiles(depth, withTarget: false));

        Assert.That(inclusion.PathsByDockerfile, Is.Empty);
        Assert.That(inclusion.Cycles, Is.Empty);
    }

    [Test]
    public void FindInclusions_ReferenceLayerChain100000Deep_NoStackOverflow()
    {
        const int depth = 100_000;
        var layers = Enumerable.Range(1, depth).Select(id => ReferenceLayer(1_000 + id, id == 1 ? 1 : null, id == depth ? Target : 1_000 + id + 1)).ToList();
        layers.Add(TargetLayer);

        var inclusion = Find([Dockerfile(1, "Deep")], layers);

        Assert.That(inclusion.PathsByDockerfile[1], Has.Count.EqualTo(depth + 2));
    }

    [Test]
    public void FindInclusions_VariantOfIncludingParent_IncludesVariant()
    {
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Chrome", parentId: 1)],
            [TargetLayer, ReferenceLayer(10, 1, Target)]);

        Assert.That(inclusion.Includes(2), Is.True);
    }

    [Test]
    public void FindInclusions_VariantOfIncludingParent_PathGoesThroughParent()
    {
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Chrome", parentId: 1)],
            [TargetLayer, ReferenceLayer(10, 1, Target)]);

        Assert.That(inclusion.PathsByDockerfile[2], Is.EqualTo(new[]
        {
            "Dockerfile 2 'Chrome'",
            "Dockerfile 1 'DockerDefault'",
            "layer 10 'use 100' (reference_layer)",
            "layer 100 'code-server' (template)",
        }));
    }

    [Test]
    public void FindInclusions_ParentOfIncludingVariant_NotIncluded()
    {
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Chrome", parentId: 1)],
            [TargetLayer, ReferenceLayer(20, 2, Target)]);

        Assert.That(inclusion.Includes(1), Is.False);
        Assert.That(inclusion.Includes(2), Is.True);
    }

    [Test]
    public void FindInclusions_SourceLayerInDockerfile_IncludesDockerfile()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [Layer(Target, "code-server", 1, "template")]);

        Assert.That(inclusion.PathsByDockerfile[1], Is.EqualTo(new[]
        {
            "Dockerfile 1 'DockerDefault'",
            "layer 100 'code-server' (template)",
        }));
    }

    [TestCase("raw")]
    [TestCase("template")]
    [TestCase("file")]
    [TestCase(null)]
    public void FindInclusions_NonReferenceLayerWithStaleReferenceId_NotIncluded(string? type)
    {
        // Runbot renders a reference only for the reference types, so a reference id left on another type must not count.
        var stale = Layer(10, "was a reference", 1, type!, referenceLayerId: Target, referenceDockerfileId: 2);
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Holder")],
            [Layer(Target, "code-server", 2, "template"), stale]);

        Assert.That(inclusion.Includes(1), Is.False);
    }

    [Test]
    public void FindInclusions_ReferenceLayerWithStaleFileId_FollowsOnlyLayerId()
    {
        var layer = Layer(10, "mixed", 1, "reference_layer", referenceLayerId: 50, referenceDockerfileId: 2);
        var inclusion = Find(
            [Dockerfile(1, "DockerDefault"), Dockerfile(2, "Holder")],
            [Layer(Target, "code-server", 2, "template"), Layer(50, "apt", null, "template"), layer]);

        Assert.That(inclusion.Includes(1), Is.False);
    }

    [Test]
    public void FindInclusions_ReferenceToMissingLayer_NotIncluded()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [TargetLayer, ReferenceLayer(10, 1, 999)]);

        Assert.That(inclusion.Includes(1), Is.False);
    }

    [Test]
    public void FindInclusions_ReferenceToMissingDockerfile_NotIncluded()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [TargetLayer, ReferenceFile(10, 1, 999)]);

        Assert.That(inclusion.Includes(1), Is.False);
    }

    [Test]
    public void FindInclusions_VariantOfMissingParent_NotIncluded()
    {
        var inclusion = Find([Dockerfile(2, "Orphan", parentId: 999)], [TargetLayer]);

        Assert.That(inclusion.Includes(2), Is.False);
    }

    [Test]
    public void FindInclusions_ReferenceWithoutId_NotIncluded()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [TargetLayer, Layer(10, "empty", 1, "reference_layer")]);

        Assert.That(inclusion.Includes(1), Is.False);
    }

    [Test]
    public void FindInclusions_ReferenceFileCycle_Terminates()
    {
        var graph = new LayerGraph(
            [Dockerfile(1, "A"), Dockerfile(2, "B")],
            [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 1)]);

        Assert.That(() => graph.FindInclusions(Target), Throws.Nothing);
    }

    [Test]
    public void FindInclusions_ReferenceFileCycle_ReportedWithEachRow()
    {
        var inclusion = Find([Dockerfile(1, "A"), Dockerfile(2, "B")], [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 1)]);

        Assert.That(inclusion.Cycles, Is.EqualTo(new[]
        {
            "Dockerfile 1 'A' -> layer 10 'use file 2' (reference_file) -> Dockerfile 2 'B' -> layer 20 'use file 1' (reference_file) -> Dockerfile 1 'A'",
        }));
    }

    [Test]
    public void FindInclusions_CycleReachedFromSeveralDockerfiles_ReportedOnce()
    {
        var inclusion = Find(
            [Dockerfile(1, "A"), Dockerfile(2, "B"), Dockerfile(3, "UsesA"), Dockerfile(4, "UsesB"), Dockerfile(5, "VariantOfB", parentId: 2)],
            [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 1), ReferenceFile(30, 3, 1), ReferenceFile(40, 4, 2)]);

        Assert.That(inclusion.Cycles, Has.Count.EqualTo(1));
    }

    [Test]
    public void FindInclusions_CycleEnteredFromAnotherDockerfileFirst_ReportedOnce()
    {
        // Dockerfile 1 enters the cycle at B, so the walk meets it from a different member than in the test above.
        var inclusion = Find(
            [Dockerfile(1, "UsesB"), Dockerfile(2, "A"), Dockerfile(3, "B")],
            [TargetLayer, ReferenceFile(10, 1, 3), ReferenceFile(20, 2, 3), ReferenceFile(30, 3, 2)]);

        Assert.That(inclusion.Cycles, Has.Count.EqualTo(1));
    }

    [Test]
    public void FindInclusions_ReferenceLayerCycle_ReportedOnce()
    {
        var inclusion = Find(
            [Dockerfile(1, "A"), Dockerfile(2, "B")],
            [TargetLayer, ReferenceLayer(10, 1, 30), ReferenceLayer(20, 2, 30), ReferenceLayer(30, null, 31), ReferenceLayer(31, null, 30)]);

        Assert.That(inclusion.Cycles, Has.Count.EqualTo(1));
    }

    [Test]
    public void FindInclusions_SelfReferencingLayer_ReportedAsCycle()
    {
        var inclusion = Find([Dockerfile(1, "A")], [TargetLayer, ReferenceLayer(10, 1, 10)]);

        Assert.That(inclusion.Cycles, Is.EqualTo(new[] { "layer 10 'use 10' (reference_layer) -> layer 10 'use 10' (reference_layer)" }));
    }

    [Test]
    public void FindInclusions_VariantParentCycle_ReportedOnce()
    {
        var inclusion = Find([Dockerfile(1, "A", parentId: 2), Dockerfile(2, "B", parentId: 1)], [TargetLayer]);

        Assert.That(inclusion.Cycles, Is.EqualTo(new[] { "Dockerfile 1 'A' -> Dockerfile 2 'B' -> Dockerfile 1 'A'" }));
    }

    [Test]
    public void FindInclusions_CycleBesideTarget_OtherDockerfilesStillIncluded()
    {
        var inclusion = Find(
            [Dockerfile(1, "A"), Dockerfile(2, "B"), Dockerfile(3, "Good")],
            [TargetLayer, ReferenceFile(10, 1, 2), ReferenceFile(20, 2, 1), ReferenceLayer(30, 3, Target)]);

        Assert.That(inclusion.PathsByDockerfile.Keys, Is.EquivalentTo(new[] { 3 }));
    }

    [Test]
    public void FindInclusions_SharedReference_BothDockerfilesIncluded()
    {
        // Dockerfile 2 reaches layer 20 after Dockerfile 1 finished it, so its result comes from the finished node.
        var inclusion = Find(
            [Dockerfile(1, "A"), Dockerfile(2, "B")],
            [TargetLayer, ReferenceLayer(10, 1, 20), ReferenceLayer(11, 2, 20), ReferenceLayer(20, null, Target)]);

        Assert.That(inclusion.PathsByDockerfile[2], Is.EqualTo(new[]
        {
            "Dockerfile 2 'B'",
            "layer 11 'use 20' (reference_layer)",
            "layer 20 'use 100' (reference_layer)",
            "layer 100 'code-server' (template)",
        }));
    }

    [Test]
    public void Includes_NullDockerfile_ReturnsFalse()
    {
        var inclusion = Find([Dockerfile(1, "DockerDefault")], [Layer(Target, "code-server", 1, "template")]);

        Assert.That(inclusion.Includes(null), Is.False);
    }

    [Test]
    public void Includes_NoneInclusion_ReturnsFalse()
    {
        Assert.That(LayerInclusion.None.Includes(1), Is.False);
    }
}
