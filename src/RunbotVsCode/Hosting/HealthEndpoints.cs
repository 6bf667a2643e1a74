using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RunbotVsCode.Generation;

namespace RunbotVsCode.Hosting;

/// <summary>Liveness and readiness endpoints.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>/healthz</c> (the process answers) and <c>/readyz</c> (the last pass left nginx serving what the database says).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", (RegenPass pass) => Ready(pass.LastResult));
        return endpoints;
    }

    private static IResult Ready(PassResult? last) => last switch
    {
        null => Results.Text("not ready: no pass has finished yet\n", statusCode: StatusCodes.Status503ServiceUnavailable),
        { Succeeded: true } => Results.Text($"ready: last pass {last.Outcome}\n"),
        _ => Results.Text($"not ready: last pass {last.Outcome}: {last.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable),
    };
}
