namespace RunbotVsCode.Routing;

/// <summary>Thrown when runbot's database holds a routing value that cannot be used in nginx config.</summary>
public sealed class InvalidRouteSettingsException : Exception
{
    /// <summary>Initializes the exception with a message naming the key, the value and the fix.</summary>
    public InvalidRouteSettingsException(string message)
        : base(message)
    {
    }
}
