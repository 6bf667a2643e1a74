namespace RunbotVsCode.Rendering;

/// <summary>Thrown when a template cannot be read, parsed or rendered; the message names the file and line.</summary>
public sealed class TemplateLoadException : Exception
{
    /// <summary>Initializes the exception with a message.</summary>
    public TemplateLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and the error that caused it.</summary>
    public TemplateLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
