using System.Text.RegularExpressions;

namespace RunbotVsCode.Layers;

/// <summary>
/// Chooses the <c>sequence</c> of the layer that attaches code-server to a Dockerfile, so that it renders before
/// runbot's switch to the final user: <see cref="Gap"/> below the lowest layer that creates the runbot user (a
/// reference to the create-user template) or switches to a user other than root, and <see cref="Gap"/> after the
/// last layer when there is none, as in a variant whose parent holds those layers.
/// </summary>
internal static partial class AttachSequence
{
    /// <summary>The distance kept from the neighbouring layer.</summary>
    public const int Gap = 5;

    /// <summary>The sequence of a Dockerfile's first layer when it has none: the ORM's default.</summary>
    public const int Default = 100;

    /// <summary>Returns the sequence for a new layer in <paramref name="dockerfileId"/>.</summary>
    /// <param name="graph">Every Dockerfile and layer.</param>
    /// <param name="renderer">Renders each layer to find the ones that switch user.</param>
    /// <param name="dockerfileId">The Dockerfile to attach to.</param>
    /// <param name="createUserTemplateId">The id of runbot's create-user template layer, when it has one.</param>
    public static int Choose(DockerfileGraph graph, DockerfileRenderer renderer, int dockerfileId, int? createUserTemplateId)
    {
        var layers = graph.LayersOf(dockerfileId).Where(layer => layer.Sequence is not null).ToList();
        var userLayers = layers.Where(layer => CreatesUser(layer, createUserTemplateId) || SwitchesToUser(renderer.RenderLayer(layer.Id).Text)).ToList();
        if (userLayers.Count > 0)
        {
            return (int)Math.Max(int.MinValue, (long)userLayers.Min(layer => layer.Sequence!.Value) - Gap);
        }

        // NOTE: layers with a NULL sequence render after every numbered one, so the new layer still comes before them.
        return layers.Count > 0 ? (int)Math.Min(int.MaxValue, (long)layers.Max(layer => layer.Sequence!.Value) + Gap) : Default;
    }

    /// <summary>Returns whether the rendered layer's first instruction is <c>USER</c> with a user other than root.</summary>
    internal static bool SwitchesToUser(string renderedLayer)
    {
        var firstInstruction = renderedLayer
            .Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#'));
        var match = firstInstruction is null ? Match.Empty : UserInstructionPattern().Match(firstInstruction);
        if (!match.Success)
        {
            return false;
        }

        var user = match.Groups["user"].Value.Split(':')[0];
        return user is not ("root" or "0");
    }

    private static bool CreatesUser(DockerLayerRow layer, int? createUserTemplateId) =>
        createUserTemplateId is not null
        && layer.LayerType == DockerLayerTypes.ReferenceLayer
        && layer.ReferenceDockerLayerId == createUserTemplateId;

    [GeneratedRegex(@"\AUSER\s+(?<user>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex UserInstructionPattern();
}
