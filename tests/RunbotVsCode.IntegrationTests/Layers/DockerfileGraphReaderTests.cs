using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace RunbotVsCode.Layers.Tests;

public sealed class DockerfileGraphReaderTests
{
    private static readonly RunbotUser User = new(1000, 1000, "runbot");

    private ThrowawayPostgres _postgres = null!;
    private DockerfileGraphReader _reader = null!;

    [OneTimeSetUp]
    public async Task StartPostgresAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _reader = new DockerfileGraphReader(_postgres.DataSource, NullLogger<DockerfileGraphReader>.Instance);
    }

    [OneTimeTearDown]
    public async Task StopPostgresAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [Test]
    public async Task RenderByNameAsync_SampleDefault_MatchesBuiltContent()
    {
        var built = await BuiltContentAsync(1);

        var rendering = await _reader.RenderByNameAsync("DockerDefault", User);

        Assert.That(rendering.Text, Is.EqualTo(built));
        Assert.That(rendering.Problems, Is.Empty);
    }

    [Test]
    public async Task RenderByNameAsync_VariantTag_AppendsVariantLayer()
    {
        var parent = await BuiltContentAsync(1);
        var expected = parent
            + "\n\n# Chrome with values {\"chrome_channel\": \"stable\", \"chrome_version\": \"126.0\"}\n"
            + "RUN echo \"chrome 126.0 (stable)\"\n"
            + "\nUSER runbot\n";

        var rendering = await _reader.RenderByNameAsync("odoo:DockerDefault.chrome", User);

        Assert.That(rendering.Text, Is.EqualTo(expected));
    }

    [Test]
    public void RenderByNameAsync_MisspelledName_ListsClosestNames()
    {
        var exception = Assert.ThrowsAsync<DockerfileNotFoundException>(() => _reader.RenderByNameAsync("dockerdefalt", User));

        Assert.That(exception.ClosestNames, Is.EqualTo(new[] { "DockerDefault", "chrome" }));
        Assert.That(exception.Message, Does.Contain("'dockerdefalt' not found. Closest names: DockerDefault, chrome."));
    }

    [Test]
    public async Task ReadGraphAsync_Sample_ReadsAllRowsWithJsonText()
    {
        var graph = await _reader.ReadGraphAsync();

        Assert.That(graph.Dockerfiles.Select(dockerfile => dockerfile.Name), Is.EqualTo(new[] { "DockerDefault", "chrome" }));
        Assert.That(graph.Layers, Has.Count.EqualTo(11));
        Assert.That(graph.FindLayer(7)!.Values, Is.EqualTo("""{"odoo_branch": "master"}"""));
        Assert.That(graph.FindLayer(6)!.ReferenceDockerLayerId, Is.EqualTo(1));
        Assert.That(graph.FindDockerfile(2)!.DefaultValues, Is.EqualTo("""{"chrome_channel": "stable"}"""));
        Assert.That(graph.LayersOf(1).Select(layer => layer.Id), Is.EqualTo(new[] { 3, 4, 5, 6, 7, 8, 9, 10 }));
    }

    [Test]
    public async Task ListAsync_Sample_SummarizesBothDockerfiles()
    {
        var summaries = await _reader.ListAsync(User);

        Assert.That(summaries.Select(summary => summary.Name), Is.EqualTo(new[] { "DockerDefault", "chrome" }));
        Assert.That(summaries[0].LayerCount, Is.EqualTo(8));
        Assert.That(summaries[0].ParentName, Is.Null);
        Assert.That(summaries[1].ParentName, Is.EqualTo("DockerDefault"));
        Assert.That(summaries[1].ImageTag, Is.EqualTo("odoo:DockerDefault.chrome"));
        Assert.That(summaries.Select(summary => summary.CodeServerVersion), Is.All.Null);
        Assert.That(summaries.Select(summary => summary.ProblemCount), Is.All.Zero);
    }

    private async Task<string> BuiltContentAsync(int dockerfileId)
    {
        await using var connection = await _postgres.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<string>(
            "SELECT content FROM runbot_docker_build_result WHERE dockerfile_id = @dockerfileId ORDER BY id DESC LIMIT 1",
            new { dockerfileId });
    }
}
