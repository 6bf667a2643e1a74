namespace RunbotVsCode.Containers;

/// <summary>Records that a build's code-server served a request, for the idle stop.</summary>
public interface ICodeServerActivity
{
    /// <summary>
    /// Records a request to the code-server of <paramref name="buildId"/> now. Cheap enough to call on every
    /// auth check; builds whose code-server this process did not start or find running are ignored. Before an
    /// idle stop the service also checks code-server's <c>/healthz</c>, which stays alive while a WebSocket is open.
    /// </summary>
    void MarkActivity(long buildId);
}
