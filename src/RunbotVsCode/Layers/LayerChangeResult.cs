namespace RunbotVsCode.Layers;

/// <summary>What a layer command changed, or would change on a dry run.</summary>
/// <param name="Changes">The rows written, in order; empty when everything was already as requested.</param>
/// <param name="Applied">Whether the changes were committed: false for a dry run and when there is nothing to change.</param>
/// <param name="Message">One sentence saying what happened, for the command's output.</param>
public sealed record LayerChangeResult(IReadOnlyList<RowChange> Changes, bool Applied, string Message)
{
    /// <summary>Gets whether the rows were already as requested.</summary>
    public bool Unchanged => Changes.Count == 0;
}
