namespace RunbotVsCode.Layers;

/// <summary>The rows of <c>runbot_dockerfile</c> and <c>runbot_docker_layer</c>, indexed for rendering.</summary>
public sealed class DockerfileGraph
{
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
