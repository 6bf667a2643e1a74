namespace RunbotVsCode.Layers;

/// <summary>A column value that is the id of the row inserted by an earlier change of the same plan.</summary>
/// <param name="Table">The table of that row; the latest insert into it is meant.</param>
public sealed record InsertedRowId(string Table)
{
    /// <inheritdoc/>
    public override string ToString() => $"(id of the new {Table} row)";
}
