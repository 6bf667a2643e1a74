namespace RunbotVsCode.Layers;

/// <summary>The error for Dockerfile rows that cannot render, such as a layer referencing a layer that does not exist.</summary>
public sealed class DockerfileGraphException : Exception
{
    /// <summary>Creates the error with a message naming the rows involved.</summary>
    public DockerfileGraphException(string message)
        : base(message)
    {
    }
}
