using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace PPipe.Hosting.Operations;

/// <summary>
/// What operators and orchestrators probe on every P-PIPE process (silos and front ends alike): <c>/healthz</c>, the
/// process is alive and serving HTTP; <c>/readyz</c>, it can do its work (cluster membership, or a silo reachable for a
/// client, and cluster storage answering); <c>/metrics</c>, Prometheus' text format. All anonymous and cheap.
/// </summary>
public static class OperationsEndpoints
{
    private const string ReadyTag = "ready";

    /// <summary>Registers the readiness checks that fit this host: a silo's membership or a client's gateway, and storage.</summary>
    public static IHostApplicationBuilder AddPPipeHealthChecks(this IHostApplicationBuilder builder, bool isSilo)
    {
        var checks = builder.Services.AddHealthChecks();
        if (isSilo)
        {
            checks.AddCheck<SiloMembershipHealthCheck>("membership", tags: [ReadyTag]);
        }
        else
        {
            checks.AddCheck<ClusterClientHealthCheck>("cluster", tags: [ReadyTag]);
        }

        if (builder.Services.Any(s => s.ServiceType == typeof(NpgsqlDataSource)))
        {
            checks.AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapPPipeOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
        }).AllowAnonymous().DisableRateLimiting();
        endpoints.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }

    /// <summary>One line per check (<c>storage: Healthy (PostgreSQL answers.)</c>), so a failing probe says why.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status} ({e.Value.Description})");
        return context.Response.WriteAsync($"{report.Status}\n{string.Join('\n', lines)}\n");
    }
}
