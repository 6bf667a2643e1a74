using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RunbotVsCode.Runbot;

/// <summary>
/// The Dockerfiles and layers of runbot, as a graph of the paths runbot follows when it renders a Dockerfile:
/// a variant's parent, the Dockerfile's own layers, a <c>reference_layer</c> to its layer and a
/// <c>reference_file</c> to every layer of its Dockerfile.
/// </summary>
public sealed class LayerGraph
{
    private readonly Dictionary<int, DockerfileNode> _dockerfiles;
    private readonly Dictionary<int, LayerNode> _layers;
    private readonly Dictionary<int, List<LayerNode>> _layersByDockerfile;

    /// <summary>Initializes the graph from every Dockerfile and layer row.</summary>
    public LayerGraph(IEnumerable<DockerfileNode> dockerfiles, IEnumerable<LayerNode> layers)
    {
        ArgumentNullException.ThrowIfNull(dockerfiles);
        ArgumentNullException.ThrowIfNull(layers);

        _dockerfiles = dockerfiles.ToDictionary(dockerfile => dockerfile.Id);
        _layers = layers.ToDictionary(layer => layer.Id);
        _layersByDockerfile = _layers.Values
            .Where(layer => layer.DockerfileId is not null)
            .GroupBy(layer => layer.DockerfileId!.Value)
            .ToDictionary(group => group.Key, group => group.OrderBy(layer => layer.Id).ToList());
    }

    /// <summary>Gets every Dockerfile, by id.</summary>
    public IReadOnlyDictionary<int, DockerfileNode> Dockerfiles => _dockerfiles;

    /// <summary>
    /// Finds every Dockerfile that renders the layer <paramref name="targetLayerId"/>, with the path that leads to it.
    /// A reference cycle is cut where it closes and reported in the result; the walk never recurses, so any depth works.
    /// </summary>
    public LayerInclusion FindInclusions(int targetLayerId)
    {
        var walk = new Walk(this, targetLayerId);
        foreach (var id in _dockerfiles.Keys.Order())
        {
            walk.Visit(GraphNode.Dockerfile(id));
        }

        var included = _dockerfiles.Keys.Where(id => walk.Includes(GraphNode.Dockerfile(id))).Order().ToArray();
        var paths = new PathsOnDemand(included, id => walk.PathFrom(GraphNode.Dockerfile(id)));
        return new LayerInclusion(paths, walk.Cycles);
    }

    private IEnumerable<GraphNode> Children(GraphNode node)
    {
        if (!node.IsLayer)
        {
            if (_dockerfiles.TryGetValue(node.Id, out var dockerfile) && dockerfile.ParentId is { } parentId)
            {
                yield return GraphNode.Dockerfile(parentId);
            }

            foreach (var layer in _layersByDockerfile.GetValueOrDefault(node.Id) ?? [])
            {
                yield return GraphNode.Layer(layer.Id);
            }

            yield break;
        }

        if (!_layers.TryGetValue(node.Id, out var row))
        {
            yield break;
        }

        if (row.LayerType == "reference_layer" && row.ReferenceLayerId is { } layerId)
        {
            yield return GraphNode.Layer(layerId);
        }
        else if (row.LayerType == "reference_file" && row.ReferenceDockerfileId is { } dockerfileId)
        {
            yield return GraphNode.Dockerfile(dockerfileId);
        }
    }

    private string Describe(GraphNode node)
    {
        if (node.IsLayer)
        {
            return _layers.TryGetValue(node.Id, out var layer)
                ? $"layer {layer.Id} '{layer.Name}' ({layer.LayerType})"
                : $"layer {node.Id} (missing)";
        }

        return _dockerfiles.TryGetValue(node.Id, out var dockerfile)
            ? $"Dockerfile {dockerfile.Id} '{dockerfile.Name}'"
            : $"Dockerfile {node.Id} (missing)";
    }

    private readonly record struct GraphNode(int Id, bool IsLayer)
    {
        public static GraphNode Dockerfile(int id) => new(id, false);

        public static GraphNode Layer(int id) => new(id, true);
    }

    private enum VisitState
    {
        Open,
        Done,
    }

    /// <summary>
    /// The paths of the Dockerfiles that render the layer, each built when first read. On a reference_file chain every
    /// Dockerfile renders the layer, so building every path up front would cost the square of the chain's depth.
    /// </summary>
    private sealed class PathsOnDemand(int[] dockerfileIds, Func<int, IReadOnlyList<string>> buildPath)
        : IReadOnlyDictionary<int, IReadOnlyList<string>>
    {
        private readonly HashSet<int> _ids = [.. dockerfileIds];
        private readonly ConcurrentDictionary<int, IReadOnlyList<string>> _built = [];

        public IEnumerable<int> Keys => dockerfileIds;

        public IEnumerable<IReadOnlyList<string>> Values => dockerfileIds.Select(id => this[id]);

        public int Count => dockerfileIds.Length;

        public IReadOnlyList<string> this[int key] =>
            TryGetValue(key, out var path) ? path : throw new KeyNotFoundException($"Dockerfile {key} does not render the layer.");

        public bool ContainsKey(int key) => _ids.Contains(key);

        public bool TryGetValue(int key, [MaybeNullWhen(false)] out IReadOnlyList<string> value)
        {
            value = _ids.Contains(key) ? _built.GetOrAdd(key, buildPath) : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<int, IReadOnlyList<string>>> GetEnumerator() =>
            dockerfileIds.Select(id => KeyValuePair.Create(id, this[id])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>An iterative depth-first walk that records, for each node, whether it reaches the target and through which child.</summary>
    private sealed class Walk(LayerGraph graph, int targetLayerId)
    {
        private readonly Dictionary<GraphNode, VisitState> _states = [];
        private readonly Dictionary<GraphNode, GraphNode?> _via = [];
        private readonly HashSet<string> _cycleKeys = [];

        public List<string> Cycles { get; } = [];

        public bool Includes(GraphNode node) => _via.ContainsKey(node);

        public void Visit(GraphNode root)
        {
            if (_states.ContainsKey(root))
            {
                return;
            }

            var stack = new List<(GraphNode Node, IEnumerator<GraphNode> Children)>();
            Enter(root, stack);
            while (stack.Count > 0)
            {
                var (node, children) = stack[^1];
                if (Includes(node) || !children.MoveNext())
                {
                    Leave(stack);
                    continue;
                }

                var child = children.Current;
                if (!_states.TryGetValue(child, out var state))
                {
                    Enter(child, stack);
                }
                else if (state == VisitState.Open)
                {
                    RecordCycle(stack, child);
                }
                else if (Includes(child))
                {
                    _via[node] = child;
                }
            }
        }

        public IReadOnlyList<string> PathFrom(GraphNode node)
        {
            var path = new List<string>();
            GraphNode? current = node;
            while (current is { } step && path.Count <= _via.Count)
            {
                path.Add(graph.Describe(step));
                current = _via.GetValueOrDefault(step);
            }

            return path;
        }

        private void Enter(GraphNode node, List<(GraphNode, IEnumerator<GraphNode>)> stack)
        {
            _states[node] = VisitState.Open;
            if (node.IsLayer && node.Id == targetLayerId)
            {
                _via[node] = null;
            }

            stack.Add((node, graph.Children(node).GetEnumerator()));
        }

        private void Leave(List<(GraphNode Node, IEnumerator<GraphNode> Children)> stack)
        {
            var (node, children) = stack[^1];
            children.Dispose();
            stack.RemoveAt(stack.Count - 1);
            _states[node] = VisitState.Done;

            if (stack.Count > 0 && Includes(node))
            {
                _via.TryAdd(stack[^1].Node, node);
            }
        }

        private void RecordCycle(List<(GraphNode Node, IEnumerator<GraphNode> Children)> stack, GraphNode closing)
        {
            var start = stack.FindIndex(frame => frame.Node == closing);
            var members = stack.Skip(start).Select(frame => frame.Node).ToList();

            // The same cycle is met from different entry points; key it by its sorted members to report it once.
            var key = string.Join(",", members.Select(member => (member.IsLayer ? "L" : "D") + member.Id).Order(StringComparer.Ordinal));
            if (_cycleKeys.Add(key))
            {
                Cycles.Add(string.Join(" -> ", members.Append(closing).Select(graph.Describe)));
            }
        }
    }
}
