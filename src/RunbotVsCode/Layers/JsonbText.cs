namespace RunbotVsCode.Layers;

/// <summary>A column value written as <c>jsonb</c>, given as JSON text.</summary>
/// <param name="Json">The JSON text.</param>
public sealed record JsonbText(string Json)
{
    /// <inheritdoc/>
    public override string ToString() => Json;
}
