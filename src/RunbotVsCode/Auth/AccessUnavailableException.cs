namespace RunbotVsCode.Auth;

/// <summary>Thrown when access cannot be decided because the key material or the database is unavailable.</summary>
public sealed class AccessUnavailableException : Exception
{
    /// <summary>Initializes the exception with a message saying what is missing and how to fix it.</summary>
    public AccessUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public AccessUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
