using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PPipe.Hosting.Operations;

/// <summary>This process's silo is an active member of the cluster (it takes grain activations).</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active; {active} active silo(s) in the cluster.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}, not active."));
    }
}
