using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PPipe.Hosting.Operations;

/// <summary>This front end, an Orleans client, reaches at least one active silo through a gateway.</summary>
public sealed class ClusterClientHealthCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Limit, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s) reachable.")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"No silo answers within {Limit.TotalSeconds:0} s: {e.Message}");
        }
    }
}
