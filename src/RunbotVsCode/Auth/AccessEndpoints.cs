using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunbotVsCode.Generation;

namespace RunbotVsCode.Auth;

/// <summary>The endpoints of the access flow.</summary>
public static class AccessEndpoints
{
    /// <summary>The header nginx fills with the browser's Upgrade header on the auth subrequest.</summary>
    public const string OriginalUpgradeHeader = "X-Original-Upgrade";

    /// <summary>Maps auth_check, the exchange, the open route and the list of builds that can open VS Code.</summary>
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/auth_check", AuthCheckAsync);
        endpoints.MapGet("/__vscode/exchange", (HttpContext context, ExchangeFlow flow) => flow.HandleAsync(context, context.RequestAborted));
        endpoints.MapGet("/runbot/vscode/", (HttpContext context, Pages.BuildListFlow flow) => flow.HandleAsync(context.Request, context.RequestAborted));
        endpoints.MapGet("/runbot/vscode/{buildId}", (HttpContext context, string buildId, OpenFlow flow) => flow.HandleAsync(context.Request, buildId, context.RequestAborted));
        return endpoints;
    }

    private static async Task<IResult> AuthCheckAsync(HttpContext context, AuthChecker checker, RegenPass pass)
    {
        var request = context.Request;
        var check = new AuthCheckRequest(request.Query["build"], request.Headers.Cookie, request.Headers[OriginalUpgradeHeader], request.Headers.Origin);
        try
        {
            var decision = await checker.CheckAsync(check, pass.Routes, context.RequestAborted);
            return Results.StatusCode((int)decision.Result);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // nginx turns any other status into a 500 for the browser; auth_check answers only 204, 401 or 403.
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
