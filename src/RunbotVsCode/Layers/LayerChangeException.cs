namespace RunbotVsCode.Layers;

/// <summary>
/// The error for a layer command that cannot go on without touching rows it does not own, such as a row it created
/// that was since changed in runbot. The message names the rows and what to do.
/// </summary>
public class LayerChangeException : Exception
{
    /// <summary>Creates the error with a message naming the rows and the fix.</summary>
    public LayerChangeException(string message)
        : base(message)
    {
    }
}
