using System.Text;
using System.Text.Json;

namespace RunbotVsCode.Layers;

/// <summary>
/// One rendering pass: follows references depth first, keeping the chain of layers and Dockerfiles being expanded
/// so that a cycle becomes an error line instead of endless recursion. Not thread-safe; use one per rendering.
/// </summary>
internal sealed class DockerfileRenderSession
{
    /// <summary>The maximum number of nested Dockerfile and layer expansions.</summary>
    public const int MaxDepth = 64;

    /// <summary>The name runbot gives the implicit <c>reference_file</c> layer that starts a variant.</summary>
    public const string ImplicitParentLayerName = "TEMP LAYER";

    /// <summary>The error line runbot writes for a reference layer or file without a target.</summary>
    public const string MissingReferenceError = "ERROR: no reference_docker_layer_id defined";

    private readonly DockerfileGraph _graph;
    private readonly RunbotUser _user;
    private readonly List<Expansion> _chain = [];
    private readonly List<DockerfileRenderProblem> _problems = [];

    public DockerfileRenderSession(DockerfileGraph graph, RunbotUser user)
    {
        _graph = graph;
        _user = user;
    }

    /// <summary>Renders a whole Dockerfile: its layers, a variant's parent first, then the final <c>USER</c> line.</summary>
    public DockerfileRendering RenderDockerfile(DockerfileRow dockerfile)
    {
        var layers = new List<DockerLayerRow>();
        if (dockerfile.ParentId is int parentId)
        {
            layers.Add(new DockerLayerRow(
                0,
                ImplicitParentLayerName,
                DockerfileId: dockerfile.Id,
                LayerType: DockerLayerTypes.ReferenceFile,
                ReferenceDockerfileId: parentId));
        }

        layers.AddRange(_graph.LayersOf(dockerfile.Id));

        _chain.Add(Expansion.OfDockerfile(dockerfile.Id));
        var text = RenderLayers(layers, []);
        _chain.RemoveAt(_chain.Count - 1);

        var switchUser = $"\nUSER {_user.Name}\n";
        if (!text.EndsWith(switchUser, StringComparison.Ordinal))
        {
            text += switchUser;
        }

        return new DockerfileRendering(text, [.. _problems]);
    }

    /// <summary>Renders one layer with no values passed in.</summary>
    public DockerfileRendering RenderSingleLayer(DockerLayerRow layer) =>
        new(RenderLayer(layer, []), [.. _problems]);

    private string RenderLayers(IEnumerable<DockerLayerRow> layers, IReadOnlyList<KeyValuePair<string, JsonElement>> passedValues) =>
        string.Join("\n\n", layers.Select(layer => RenderLayer(layer, passedValues))) + "\n";

    private string RenderLayer(DockerLayerRow layer, IReadOnlyList<KeyValuePair<string, JsonElement>> passedValues)
    {
        _chain.Add(Expansion.OfLayer(layer.Id));

        var ownValues = ParseValues(layer.Values, layer, $"values of layer {layer.Id}");
        var values = MergeValues(layer, ownValues, passedValues);
        var rendered = layer.LayerType switch
        {
            DockerLayerTypes.Raw => layer.Content,
            DockerLayerTypes.Template => RenderTemplate(layer, ownValues, values),
            DockerLayerTypes.ReferenceLayer => RenderReferencedLayer(layer, values),
            DockerLayerTypes.ReferenceFile => RenderReferencedDockerfile(layer, values),
            DockerLayerTypes.File => RenderFile(layer, values),
            _ => Fail(layer, $"ERROR: layer {layer.Id} has unknown layer_type '{layer.LayerType}'"),
        };

        _chain.RemoveAt(_chain.Count - 1);

        // Python formats a NULL content as "None" in runbot's f-string.
        if (string.IsNullOrEmpty(rendered) || rendered[0] != '#')
        {
            rendered = $"# {layer.Name}\n{rendered ?? "None"}";
        }

        return rendered;
    }

    // Values in runbot's merge order; a key keeps the position where it first appeared and takes the last value.
    private OrderedDictionary<string, JsonElement> MergeValues(
        DockerLayerRow layer,
        IReadOnlyList<KeyValuePair<string, JsonElement>> ownValues,
        IReadOnlyList<KeyValuePair<string, JsonElement>> passedValues)
    {
        var values = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["USERUID"] = LayerValues.Integer(_user.Uid),
            ["USERGID"] = LayerValues.Integer(_user.Gid),
            ["USERNAME"] = LayerValues.String(_user.Name),
        };

        if (layer.DockerfileId is int dockerfileId && _graph.FindDockerfile(dockerfileId) is { } dockerfile)
        {
            if (dockerfile.ParentId is int parentId && _graph.FindDockerfile(parentId) is { } parent)
            {
                AddAll(values, ParseValues(parent.DefaultValues, layer, $"default_values of Dockerfile {parent.Id}"));
            }

            AddAll(values, ParseValues(dockerfile.DefaultValues, layer, $"default_values of Dockerfile {dockerfile.Id}"));
        }

        var packages = LayerValues.ParsePackages(layer.Packages);
        if (packages.Length > 0)
        {
            values[LayerValues.PackagesKey] = LayerValues.String(packages);
        }

        AddAll(values, ownValues);
        AddAll(values, passedValues);
        return values;
    }

    private static string? RenderTemplate(
        DockerLayerRow layer,
        IReadOnlyList<KeyValuePair<string, JsonElement>> ownValues,
        OrderedDictionary<string, JsonElement> values)
    {
        // runbot keeps the values whose key name (without braces) occurs anywhere in the content.
        var keptValues = KeptValues(layer.Content, values);
        var rendered = layer.Content;
        if (ownValues.Any(entry => entry.Key != LayerValues.PackagesKey))
        {
            var name = string.IsNullOrEmpty(layer.Name) ? "Rendering" : layer.Name;
            var valuesText = PythonLiteral.ReprDict(keptValues).Replace('\'', '"');
            rendered = $"# {name} with values {valuesText}\n{rendered ?? "None"}";
        }

        // The header is written before substitution, so a placeholder in it is replaced too, as runbot does.
        return rendered is null ? null : Substitute(rendered, keptValues);
    }

    private string RenderReferencedLayer(DockerLayerRow layer, OrderedDictionary<string, JsonElement> values)
    {
        if (layer.ReferenceDockerLayerId is not int targetId)
        {
            return Fail(layer, MissingReferenceError);
        }

        if (_graph.FindLayer(targetId) is not { } target)
        {
            return Fail(layer, $"ERROR: layer {layer.Id} references layer {targetId}, which does not exist");
        }

        return CheckExpansion(layer, Expansion.OfLayer(targetId)) ?? RenderLayer(target, [.. values]);
    }

    private string RenderReferencedDockerfile(DockerLayerRow layer, OrderedDictionary<string, JsonElement> values)
    {
        if (layer.ReferenceDockerfileId is not int targetId)
        {
            return Fail(layer, MissingReferenceError);
        }

        if (_graph.FindDockerfile(targetId) is null)
        {
            return Fail(layer, $"ERROR: layer {layer.Id} references Dockerfile {targetId}, which does not exist");
        }

        var expansion = Expansion.OfDockerfile(targetId);
        if (CheckExpansion(layer, expansion) is { } error)
        {
            return error;
        }

        // Like runbot, this renders the Dockerfile's own layers only: a variant's parent is not included here.
        _chain.Add(expansion);
        var rendered = RenderLayers(_graph.LayersOf(targetId), [.. values]);
        _chain.RemoveAt(_chain.Count - 1);
        return rendered;
    }

    // NOTE: runbot 19.0's docker.py has no file layer type, so this follows what newer runbot builds: values are
    // substituted as in a template but without the header, then each content line is single-quoted. Whether a
    // trailing newline in the content yields an empty '' line, as here, is not confirmed.
    private string RenderFile(DockerLayerRow layer, OrderedDictionary<string, JsonElement> values)
    {
        if (string.IsNullOrEmpty(layer.FileDestination))
        {
            return Fail(layer, $"ERROR: file layer {layer.Id} has no file_destination");
        }

        var content = Substitute(layer.Content ?? string.Empty, KeptValues(layer.Content, values));
        var builder = new StringBuilder("RUN printf '%s\\n' \\");
        foreach (var line in content.Split('\n'))
        {
            builder.Append("\n'").Append(line.Replace("'", "'\"'\"'", StringComparison.Ordinal)).Append("' \\");
        }

        return builder.Append("\n> ").Append(layer.FileDestination).ToString();
    }

    // Returns an error line when expanding this target would repeat one already being expanded or go too deep.
    private string? CheckExpansion(DockerLayerRow layer, Expansion target)
    {
        var start = _chain.IndexOf(target);
        if (start >= 0)
        {
            var cycle = string.Join(" -> ", _chain.Skip(start).Append(target));
            return Fail(layer, $"ERROR: reference cycle: {cycle}");
        }

        if (_chain.Count >= MaxDepth)
        {
            return Fail(layer, $"ERROR: references nested deeper than {MaxDepth} levels at layer {layer.Id}");
        }

        return null;
    }

    private static List<KeyValuePair<string, JsonElement>> KeptValues(string? content, OrderedDictionary<string, JsonElement> values) =>
        [.. values.Where(entry => (content ?? string.Empty).Contains(entry.Key, StringComparison.Ordinal))];

    private static string Substitute(string text, IEnumerable<KeyValuePair<string, JsonElement>> values)
    {
        foreach (var (key, value) in values)
        {
            text = text.Replace("{" + key + "}", PythonLiteral.Str(value), StringComparison.Ordinal);
        }

        return text;
    }

    private IReadOnlyList<KeyValuePair<string, JsonElement>> ParseValues(string? json, DockerLayerRow layer, string column)
    {
        if (LayerValues.TryParse(json, out var entries, out var error))
        {
            return entries;
        }

        Report(layer, $"{column} ignored: {error}");
        return [];
    }

    private static void AddAll(OrderedDictionary<string, JsonElement> values, IEnumerable<KeyValuePair<string, JsonElement>> entries)
    {
        foreach (var (key, value) in entries)
        {
            values[key] = value;
        }
    }

    private string Fail(DockerLayerRow layer, string errorLine)
    {
        Report(layer, errorLine["ERROR: ".Length..]);
        return errorLine;
    }

    private void Report(DockerLayerRow layer, string message)
    {
        var problem = new DockerfileRenderProblem(layer.Id, layer.Name, message);
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    /// <summary>A Dockerfile or layer being expanded, written as <c>layer 5</c> or <c>Dockerfile 1</c>.</summary>
    private readonly record struct Expansion(bool IsDockerfile, int Id)
    {
        public static Expansion OfDockerfile(int id) => new(true, id);

        public static Expansion OfLayer(int id) => new(false, id);

        public override string ToString() => (IsDockerfile, Id) switch
        {
            (true, _) => $"Dockerfile {Id}",
            (false, 0) => "the implicit parent layer",
            _ => $"layer {Id}",
        };
    }
}
