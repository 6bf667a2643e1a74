using Microsoft.Extensions.Primitives;

namespace RunbotVsCode.Auth;

/// <summary>What auth_check reads from nginx's subrequest.</summary>
/// <param name="BuildValues">Every <c>build</c> query value; the generated config sends exactly one.</param>
/// <param name="Cookies">The browser's Cookie headers.</param>
/// <param name="Upgrade">The browser's Upgrade header, which nginx forwards as <c>X-Original-Upgrade</c>.</param>
/// <param name="Origin">The browser's Origin header.</param>
public sealed record AuthCheckRequest(StringValues BuildValues, StringValues Cookies, string? Upgrade, string? Origin);
