using RunbotVsCode.Routing;

namespace RunbotVsCode.Rendering;

/// <summary>The checked values the nginx template renders.</summary>
/// <param name="Listen">The <c>listen</c> value of each server block.</param>
/// <param name="AuthAddress">Where nginx reaches this service, as <c>host:port</c>.</param>
/// <param name="AuthKeepalive">How many idle connections nginx keeps to this service.</param>
/// <param name="CookieName">The base name of this service's cookie, removed before requests reach code-server.</param>
/// <param name="Routes">The routes, sorted by build id.</param>
public sealed record NginxConfigModel(string Listen, string AuthAddress, int AuthKeepalive, string CookieName, IReadOnlyList<BuildRoute> Routes);
