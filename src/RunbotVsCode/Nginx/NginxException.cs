namespace RunbotVsCode.Nginx;

/// <summary>Thrown when nginx cannot be tested, signaled or started.</summary>
public sealed class NginxException : Exception
{
    /// <summary>Initializes the exception with a message stating what failed and what to do.</summary>
    public NginxException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public NginxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
