using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace RunbotVsCode.Layers.Tests;

/// <summary>Stores the rendered code-server layer in a sample runbot database and reads Dockerfiles back.</summary>
public sealed class CodeServerLayerDatabaseTests
{
    private const string InsertTemplateSql = """
        INSERT INTO runbot_docker_layer (name, sequence, dockerfile_id, layer_type, content, "values")
        VALUES (@Name, -1, NULL, 'template', @Content, CAST(@Values AS jsonb))
        RETURNING id
        """;

    private const string InsertReferenceSql = """
        INSERT INTO runbot_docker_layer (name, sequence, dockerfile_id, layer_type, reference_docker_layer_id, "values")
        VALUES ('Code server', 1000, 1, 'reference_layer', @TemplateId, '{}')
        """;

    private static readonly RunbotUser User = new(1000, 1000, "runbot");

    private ThrowawayPostgres _postgres = null!;
    private DockerfileGraphReader _reader = null!;

    [OneTimeSetUp]
    public async Task StartPostgresWithLayerAsync()
    {
        _postgres = await ThrowawayPostgres.StartAsync();
        _reader = new DockerfileGraphReader(_postgres.DataSource, NullLogger<DockerfileGraphReader>.Instance);

        var layer = CodeServerLayerRenderer.Load(Path.Combine(RunbotVsCode.Infrastructure.TestServices.RepositoryRoot, new LayerOptions().TemplatePath)).Render(new LayerOptions());
        await using var connection = await _postgres.DataSource.OpenConnectionAsync();
        var templateId = await connection.ExecuteScalarAsync<int>(InsertTemplateSql, layer);
        await connection.ExecuteAsync(InsertReferenceSql, new { TemplateId = templateId });
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
    public async Task ListAsync_LayerReferenced_ShowsVersionForParentAndVariant()
    {
        var summaries = await _reader.ListAsync(User);

        Assert.That(summaries.Select(summary => summary.CodeServerVersion), Is.EqualTo(new[] { "4.104.0", "4.104.0" }));
        Assert.That(summaries[0].LayerCount, Is.EqualTo(9));
    }

    [Test]
    public async Task RenderByNameAsync_LayerReferenced_PlacesLayerBeforeUserCreation()
    {
        var text = (await _reader.RenderByNameAsync("DockerDefault", User)).Text;

        var header = text.IndexOf(
            "\n\n# code-server with values {\"USERUID\": 1000, \"USERGID\": 1000, \"CODE_SERVER_VERSION\": \"4.104.0\"}\nUSER root\n",
            StringComparison.Ordinal);
        var createUser = text.IndexOf("\n\n# Create user template\n", StringComparison.Ordinal);

        Assert.That(header, Is.GreaterThan(0));
        Assert.That(createUser, Is.GreaterThan(header));
        Assert.That(text, Does.Contain("chown -R 1000:1000 /opt/code-server/extensions"));
        Assert.That(text, Does.EndWith("\n# Switch user\nUSER runbot\n"));
    }
}
