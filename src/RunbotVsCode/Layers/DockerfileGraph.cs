using RunbotVsCode.Runbot;

namespace RunbotVsCode.Layers;

/// <summary>The rows of <c>runbot_dockerfile</c> and <c>runbot_docker_layer</c>, indexed for rendering.</summary>
public sealed class DockerfileGraph
{
    private const int ClosestNameCount = 3;

    private readonly Dictionary<int, DockerfileRow> _dockerfilesById;
    private readonly Dictionary<int, DockerLayerRow> _layersById;
    private readonly Dictionary<int, IReadOnlyList<DockerLayerRow>> _layersByDockerfileId;

    /// <summary>Indexes the rows; throws <see cref="ArgumentException"/> when two rows of a table share an id.</summary>
    public DockerfileGraph(IEnumerable<DockerfileRow> dockerfiles, IEnumerable<DockerLayerRow> layers)
    {
        ArgumentNullException.ThrowIfNull(dockerfiles);
        ArgumentNullException.ThrowIfNull(layers);

        Dockerfiles = [.. dockerfiles.OrderBy(dockerfile => dockerfile.Id)];
        Layers = [.. layers.OrderBy(layer => layer.Id)];
        _dockerfilesById = IndexById(Dockerfiles, dockerfile => dockerfile.Id, "runbot_dockerfile");
        _layersById = IndexById(Layers, layer => layer.Id, "runbot_docker_layer");
        _layersByDockerfileId = Layers
            .Where(layer => layer.DockerfileId is not null)
            .GroupBy(layer => layer.DockerfileId!.Value)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<DockerLayerRow>)[.. OrderAsRunbot(group)]);
    }

    /// <summary>Gets every Dockerfile, by id.</summary>
    public IReadOnlyList<DockerfileRow> Dockerfiles { get; }

    /// <summary>Gets every layer, by id.</summary>
    public IReadOnlyList<DockerLayerRow> Layers { get; }

    /// <summary>Returns the Dockerfile with this id, or null.</summary>
    public DockerfileRow? FindDockerfile(int id) => _dockerfilesById.GetValueOrDefault(id);

    /// <summary>Returns the layer with this id, or null.</summary>
    public DockerLayerRow? FindLayer(int id) => _layersById.GetValueOrDefault(id);

    /// <summary>Returns the layers whose <c>dockerfile_id</c> is this id, in runbot's <c>sequence, id</c> order.</summary>
    public IReadOnlyList<DockerLayerRow> LayersOf(int dockerfileId) =>
        _layersByDockerfileId.GetValueOrDefault(dockerfileId) ?? [];

    /// <summary>
    /// Returns the Dockerfile with this exact name or image tag. Throws <see cref="DockerfileNotFoundException"/>
    /// listing the closest names when none matches, and <see cref="DockerfileGraphException"/> when the name is
    /// shared by several variants and only their image tags tell them apart.
    /// </summary>
    public DockerfileRow FindDockerfileByName(string nameOrTag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrTag);

        if (Dockerfiles.FirstOrDefault(dockerfile => dockerfile.ImageTag == nameOrTag) is { } tagged)
        {
            return tagged;
        }

        var named = Dockerfiles.Where(dockerfile => dockerfile.Name == nameOrTag).ToList();
        if (named.Count > 1)
        {
            var tags = string.Join(", ", named.Select(dockerfile => $"{dockerfile.ImageTag} (id {dockerfile.Id})"));
            throw new DockerfileGraphException(
                $"Dockerfile name '{nameOrTag}' matches {named.Count} Dockerfiles: {tags}. Pass the image tag instead.");
        }

        return named.FirstOrDefault()
            ?? throw new DockerfileNotFoundException(
                nameOrTag,
                EditDistance.Closest(nameOrTag, Dockerfiles.Select(dockerfile => dockerfile.Name), ClosestNameCount));
    }

    /// <summary>
    /// Returns one message per reference, reachable from this Dockerfile, to a layer or Dockerfile id that has no
    /// row. The database's foreign keys prevent these, so they mean the rows were read inconsistently.
    /// </summary>
    internal IReadOnlyList<string> FindMissingReferences(int dockerfileId)
    {
        var missing = new List<string>();
        var visitedLayers = new HashSet<int>();
        var visitedDockerfiles = new HashSet<int>();
        var pendingDockerfiles = new Stack<int>([dockerfileId]);
        var pendingLayers = new Stack<DockerLayerRow>();

        while (pendingDockerfiles.Count > 0 || pendingLayers.Count > 0)
        {
            if (pendingDockerfiles.TryPop(out var id))
            {
                if (visitedDockerfiles.Add(id) && FindDockerfile(id) is { } dockerfile)
                {
                    if (dockerfile.ParentId is int parentId)
                    {
                        CheckDockerfileReference(parentId, $"Dockerfile {id} '{dockerfile.Name}' has parent", missing, pendingDockerfiles);
                    }

                    foreach (var layer in LayersOf(id))
                    {
                        pendingLayers.Push(layer);
                    }
                }

                continue;
            }

            var next = pendingLayers.Pop();
            if (!visitedLayers.Add(next.Id))
            {
                continue;
            }

            var source = $"Layer {next.Id} '{next.Name}' references";
            if (next.LayerType == DockerLayerTypes.ReferenceLayer && next.ReferenceDockerLayerId is int layerId)
            {
                if (FindLayer(layerId) is { } target)
                {
                    pendingLayers.Push(target);
                }
                else
                {
                    missing.Add($"{source} layer {layerId}, which does not exist.");
                }
            }

            if (next.LayerType == DockerLayerTypes.ReferenceFile && next.ReferenceDockerfileId is int fileId)
            {
                CheckDockerfileReference(fileId, $"{source} Dockerfile", missing, pendingDockerfiles);
            }
        }

        return missing;
    }

    /// <summary>Returns the same rows as the graph of reference paths that finds which Dockerfiles render a layer.</summary>
    internal LayerGraph ToLayerGraph() => new(
        Dockerfiles.Select(dockerfile => new DockerfileNode
        {
            Id = dockerfile.Id,
            Name = dockerfile.Name,
            ParentId = dockerfile.ParentId,
            ImageTag = dockerfile.ImageTag,
            Active = dockerfile.Active ?? false,
        }),
        Layers.Select(layer => new LayerNode
        {
            Id = layer.Id,
            Name = layer.Name,
            DockerfileId = layer.DockerfileId,
            LayerType = layer.LayerType,
            ReferenceLayerId = layer.ReferenceDockerLayerId,
            ReferenceDockerfileId = layer.ReferenceDockerfileId,
        }));

    private void CheckDockerfileReference(int id, string source, List<string> missing, Stack<int> pending)
    {
        if (FindDockerfile(id) is null)
        {
            missing.Add($"{source} {id}, which does not exist.");
        }
        else
        {
            pending.Push(id);
        }
    }

    // Odoo orders by "sequence, id" in SQL, where PostgreSQL puts a NULL sequence last.
    private static IEnumerable<DockerLayerRow> OrderAsRunbot(IEnumerable<DockerLayerRow> layers) =>
        layers.OrderBy(layer => layer.Sequence is null).ThenBy(layer => layer.Sequence).ThenBy(layer => layer.Id);

    private static Dictionary<int, T> IndexById<T>(IReadOnlyList<T> rows, Func<T, int> idOf, string table)
    {
        var index = new Dictionary<int, T>(rows.Count);
        foreach (var row in rows)
        {
            if (!index.TryAdd(idOf(row), row))
            {
                throw new ArgumentException($"Two {table} rows have id {idOf(row)}; ids must be unique.", nameof(rows));
            }
        }

        return index;
    }
}
