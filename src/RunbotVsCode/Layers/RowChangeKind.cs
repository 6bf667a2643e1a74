namespace RunbotVsCode.Layers;

/// <summary>What a <see cref="RowChange"/> does to its row.</summary>
public enum RowChangeKind
{
    /// <summary>Inserts a new row.</summary>
    Insert,

    /// <summary>Sets some columns of an existing row.</summary>
    Update,

    /// <summary>Deletes an existing row.</summary>
    Delete,
}
