namespace RunbotVsCode.Containers;

/// <summary>The Docker engine could not be reached or did not respond in time.</summary>
public sealed class DockerUnavailableException : Exception
{
    /// <summary>Creates the exception with the error that the Docker client raised.</summary>
    public DockerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
