using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PPipe.Simulation.Demo;

/// <summary>Registers the embedded demo in a platform host.</summary>
public static class DemoCohortExtensions
{
    /// <summary>
    /// Seeds and runs a demo cohort of simulated students once the host is listening, using
    /// <paramref name="adminKey"/> (the instructor API key of this run). Options come from the <c>Demo</c>
    /// section (<see cref="DemoCohortOptions"/>); <c>Demo:Enabled=false</c> turns it off. The service is also
    /// registered as itself, so a page can show <see cref="DemoCohortService.Demo"/>.
    /// </summary>
    public static IServiceCollection AddDemoCohort(this IServiceCollection services, string adminKey)
    {
        services.AddOptions<DemoCohortOptions>()
            .BindConfiguration(DemoCohortOptions.Section)
            .PostConfigure(o => o.AdminKey ??= adminKey);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DemoCohortService>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoCohortService>());
        return services;
    }
}
