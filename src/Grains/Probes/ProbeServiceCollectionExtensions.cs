using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Outbound;
using PPipe.Grains.Client.Scenarios;

namespace PPipe.Grains.Probes;

/// <summary>Registers what silos need to probe students' model endpoints.</summary>
public static class ProbeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ProbeOptions"/> from the <c>Probes</c> section (validated at start) and registers the
    /// <see cref="ProbeClient"/> singleton, with the services it needs unless they are registered already
    /// (the guarded <see cref="OutboundHttp"/>, the <see cref="ScenarioCatalog"/>, the system clock).
    /// </summary>
    public static IServiceCollection AddPPipeProbes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProbeOptions>().Bind(configuration.GetSection(ProbeOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProbeOptions>, ProbeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboundHttp>();
        services.TryAddSingleton<ScenarioCatalog>();
        services.TryAddSingleton<ProbeClient>();
        return services;
    }
}
