namespace RunbotVsCode.Layers.Tests;

/// <summary>Renders every golden input under <c>Layers/Golden</c> and compares with its expected text.</summary>
public sealed class DockerfileRendererGoldenTests
{
    /// <summary>Lists the golden cases, one per <c>.in.json</c> file.</summary>
    public static IEnumerable<TestCaseData> Cases() =>
        Directory.GetFiles(GoldenCase.Folder, "*.in.json")
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [Test]
    public void Cases_FolderHoldsPairs_FindsAll()
    {
        var inputs = Directory.GetFiles(GoldenCase.Folder, "*.in.json");
        var outputs = Directory.GetFiles(GoldenCase.Folder, "*.out.txt");

        Assert.That(inputs, Has.Length.GreaterThanOrEqualTo(19));
        Assert.That(outputs, Has.Length.EqualTo(inputs.Length));
    }

    [TestCaseSource(nameof(Cases))]
    public void Render_GoldenInput_MatchesExpectedText(string inputPath)
    {
        var golden = GoldenCase.Load(inputPath);
        var user = new RunbotUser(golden.Input.User.Uid, golden.Input.User.Gid, golden.Input.User.Name);
        var renderer = new DockerfileRenderer(golden.ToGraph(), user);

        var rendering = golden.Input.Render.Dockerfile is int dockerfileId
            ? renderer.RenderDockerfile(dockerfileId)
            : renderer.RenderLayer(golden.Input.Render.Layer ?? throw new InvalidDataException($"{golden.Name}: render sets neither dockerfile nor layer."));

        Assert.That(rendering.Text, Is.EqualTo(golden.Expected), golden.Input.Description);
        Assert.That(rendering.Problems.Select(problem => problem.Message), Is.EqualTo(golden.Input.Problems));
    }
}
