namespace RunbotVsCode.Routing;

/// <summary>One build's editor route, every value checked for use in nginx config.</summary>
/// <param name="BuildId">The build id.</param>
/// <param name="Dest">The build's dest, one DNS label.</param>
/// <param name="ServerName">The exact server name, <c>&lt;dest&gt;-&lt;suffix&gt;.&lt;host&gt;</c>.</param>
/// <param name="Upstream">The <c>proxy_pass</c> target of code-server, such as <c>http://unix:/path/code-server.sock:</c>.</param>
/// <param name="OpenUrl">The open route on runbot's main site that issues access to this build.</param>
/// <param name="Origin">The editor's origin as browsers send it, <c>&lt;scheme&gt;://&lt;server name&gt;</c>.</param>
public sealed record BuildRoute(long BuildId, string Dest, string ServerName, string Upstream, string OpenUrl, string Origin);
