namespace RunbotVsCode.Layers;

/// <summary>The error for a Dockerfile name or image tag that matches no row of <c>runbot_dockerfile</c>.</summary>
public sealed class DockerfileNotFoundException : Exception
{
    /// <summary>Creates the error for this name, suggesting the closest existing names.</summary>
    public DockerfileNotFoundException(string name, IReadOnlyList<string> closestNames)
        : base(FormatMessage(name, closestNames))
    {
        Name = name;
        ClosestNames = closestNames;
    }

    /// <summary>Gets the name or image tag that was looked up.</summary>
    public string Name { get; }

    /// <summary>Gets the existing names nearest to <see cref="Name"/> by edit distance, nearest first.</summary>
    public IReadOnlyList<string> ClosestNames { get; }

    private static string FormatMessage(string name, IReadOnlyList<string> closestNames) => closestNames.Count == 0
        ? $"Dockerfile '{name}' not found: runbot_dockerfile has no rows."
        : $"Dockerfile '{name}' not found. Closest names: {string.Join(", ", closestNames)}.";
}
