using System.Text.Json;

namespace RunbotVsCode.Layers.Tests;

/// <summary>One golden pair: <c>NNN-name.in.json</c> (rows and what to render) and <c>NNN-name.out.txt</c>.</summary>
public sealed class GoldenCase
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private GoldenCase(string name, GoldenInput input, string expected)
    {
        Name = name;
        Input = input;
        Expected = expected;
    }

    /// <summary>Gets the file name without <c>.in.json</c>, such as <c>001-sample-docker-default</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the parsed input file.</summary>
    public GoldenInput Input { get; }

    /// <summary>Gets the expected output, byte for byte.</summary>
    public string Expected { get; }

    /// <summary>Gets the folder that contains the golden files next to the test assembly.</summary>
    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Layers", "Golden");

    /// <summary>Loads the pair whose input file is at this path.</summary>
    public static GoldenCase Load(string inputPath)
    {
        var name = Path.GetFileName(inputPath)[..^".in.json".Length];
        var input = JsonSerializer.Deserialize<GoldenInput>(File.ReadAllText(inputPath), SerializerOptions)
            ?? throw new InvalidDataException($"{inputPath} is empty.");
        var expected = File.ReadAllText(Path.Combine(Path.GetDirectoryName(inputPath)!, name + ".out.txt"));
        return new GoldenCase(name, input, expected);
    }

    /// <summary>Builds the graph of the input rows.</summary>
    public DockerfileGraph ToGraph()
    {
        var dockerfiles = Input.Dockerfiles.Select(row => new DockerfileRow(
            row.Id, row.Name, row.ParentId, row.Active, row.ImageTag, DefaultValues: JsonText(row.DefaultValues)));
        var layers = Input.Layers.Select(row => new DockerLayerRow(
            row.Id,
            row.Name,
            row.Sequence,
            row.DockerfileId,
            row.LayerType,
            row.Content,
            row.Packages,
            row.FileDestination,
            row.ReferenceDockerLayerId,
            row.ReferenceDockerfileId,
            JsonText(row.Values)));
        return new DockerfileGraph(dockerfiles, layers);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static string? JsonText(JsonElement? value) =>
        value is null || value.Value.ValueKind == JsonValueKind.Null ? null : value.Value.GetRawText();
}
