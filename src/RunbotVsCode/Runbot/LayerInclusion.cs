namespace RunbotVsCode.Runbot;

/// <summary>Which Dockerfiles render a given layer, and the reference cycles met while finding out.</summary>
/// <param name="PathsByDockerfile">For each Dockerfile id that renders the layer, the chain of rows from the Dockerfile to the layer.</param>
/// <param name="Cycles">Each reference cycle found, described row by row; runbot cannot render a Dockerfile on one.</param>
public sealed record LayerInclusion(IReadOnlyDictionary<int, IReadOnlyList<string>> PathsByDockerfile, IReadOnlyList<string> Cycles)
{
    /// <summary>An inclusion where no Dockerfile renders the layer, as when the layer is not installed.</summary>
    public static LayerInclusion None { get; } = new(new Dictionary<int, IReadOnlyList<string>>(), []);

    /// <summary>Returns whether the Dockerfile <paramref name="dockerfileId"/> renders the layer.</summary>
    public bool Includes(int? dockerfileId) => dockerfileId is { } id && PathsByDockerfile.ContainsKey(id);
}
