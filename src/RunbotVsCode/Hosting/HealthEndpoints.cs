using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace RunbotVsCode.Hosting;

/// <summary>Liveness and readiness endpoints.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// Maps <c>/healthz</c> (the process responds), <c>/readyz</c> (200 when every <see cref="ReadinessCheck"/> passes,
    /// 503 otherwise, with one line per check) and <c>/metrics</c> in Prometheus' text format.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", ReadyAsync);

        // prometheus-net publishes every System.Diagnostics.Metrics instrument of the process; ours are on the
        // RunbotVsCode meter, so they appear as runbotvscode_*.
        MetricsExport.EnsureStarted();
        endpoints.MapMetrics("/metrics");
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(ReadinessCheck check, HttpContext context)
    {
        var results = await check.RunAsync(context.RequestAborted);
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.Append(result.Passed ? "ok " : "failed ").Append(result.Name).Append(": ").Append(result.Detail).Append('\n');
        }

        var ready = results.All(result => result.Passed);
        return Results.Text(text.ToString(), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
