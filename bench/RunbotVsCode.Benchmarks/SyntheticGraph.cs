using RunbotVsCode.Runbot;

namespace RunbotVsCode.Benchmarks;

/// <summary>
/// Dockerfile and layer rows shaped like a runbot instance's: shared source layers, Dockerfiles with a dozen layers of
/// their own, variants of a parent, and <c>reference_layer</c> and <c>reference_file</c> rows between them.
/// </summary>
internal static class SyntheticGraph
{
    /// <summary>The id of the shared source layer standing for the code-server layer.</summary>
    public const int CodeServerLayerId = 1;

    private const int SharedLayers = 20;
    private const int OwnLayers = 12;

    /// <summary>
    /// Returns a graph of <paramref name="dockerfiles"/> Dockerfiles. Every tenth one is a base that others include
    /// with <c>reference_file</c>, every fifth one is a variant of the one before, and every third one references the
    /// code-server layer.
    /// </summary>
    public static LayerGraph Create(int dockerfiles)
    {
        var files = new List<DockerfileNode>();
        var layers = Enumerable.Range(1, SharedLayers).Select(id => Layer(id, null, "template")).ToList();
        var nextLayerId = SharedLayers + 1;
        for (var id = 1; id <= dockerfiles; id++)
        {
            var isVariant = id % 5 == 0;
            files.Add(new DockerfileNode { Id = id, Name = $"Docker{id}", ParentId = isVariant ? id - 1 : null, ImageTag = $"odoo:Docker{id}", Active = true });
            if (isVariant)
            {
                continue;
            }

            for (var position = 0; position < OwnLayers; position++)
            {
                layers.Add(OwnLayer(nextLayerId++, id, position));
            }
        }

        return new LayerGraph(files, layers);
    }

    /// <summary>
    /// Returns a chain of <paramref name="depth"/> Dockerfiles, each including the next with <c>reference_file</c>;
    /// the last one references the code-server layer, so every Dockerfile of the chain renders it.
    /// </summary>
    public static LayerGraph Chain(int depth)
    {
        var files = Enumerable.Range(1, depth).Select(id => new DockerfileNode { Id = id, Name = $"Chain{id}", Active = true }).ToList();
        var layers = new List<LayerNode> { Layer(CodeServerLayerId, null, "template") };
        for (var id = 1; id < depth; id++)
        {
            layers.Add(new LayerNode { Id = 1 + id, Name = $"include {id + 1}", DockerfileId = id, LayerType = "reference_file", ReferenceDockerfileId = id + 1 });
        }

        layers.Add(new LayerNode { Id = 1 + depth, Name = "code-server", DockerfileId = depth, LayerType = "reference_layer", ReferenceLayerId = CodeServerLayerId });
        return new LayerGraph(files, layers);
    }

    private static LayerNode OwnLayer(int layerId, int dockerfileId, int position)
    {
        var baseDockerfile = dockerfileId / 10 * 10;
        return position switch
        {
            0 when dockerfileId % 10 != 0 && baseDockerfile > 0 =>
                new LayerNode { Id = layerId, Name = $"base {baseDockerfile}", DockerfileId = dockerfileId, LayerType = "reference_file", ReferenceDockerfileId = baseDockerfile },
            1 when dockerfileId % 3 == 0 =>
                new LayerNode { Id = layerId, Name = "code-server", DockerfileId = dockerfileId, LayerType = "reference_layer", ReferenceLayerId = CodeServerLayerId },
            2 or 3 =>
                new LayerNode { Id = layerId, Name = "shared", DockerfileId = dockerfileId, LayerType = "reference_layer", ReferenceLayerId = 2 + ((dockerfileId + position) % (SharedLayers - 1)) },
            _ => Layer(layerId, dockerfileId, position % 2 == 0 ? "raw" : "template"),
        };
    }

    private static LayerNode Layer(int id, int? dockerfileId, string type) =>
        new() { Id = id, Name = $"layer {id}", DockerfileId = dockerfileId, LayerType = type };
}
