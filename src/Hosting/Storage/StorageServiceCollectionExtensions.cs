using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Enrollments;

namespace PPipe.Hosting.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Connections kept free of grain state for the reminder and membership tables, which share the pool.</summary>
    private const int ReservedConnections = 4;

    /// <summary>
    /// Puts <see cref="ResilientGrainStorage"/> in front of the ADO.NET grain storage registered under
    /// <paramref name="name"/>. The provider's own error log is silenced: it logs every failed attempt as an error with
    /// a stack trace, even those a retry absorbs; the wrapper logs those as warnings and the ones that remain as errors.
    /// </summary>
    public static IServiceCollection AddResilientGrainStorage(this IServiceCollection services, string name, DatabaseOptions options)
    {
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new ResilientGrainStorage(
            AdoNetGrainStorageFactory.Create(sp, name),
            Math.Max(1, options.MaxPoolSize - ReservedConnections),
            options.StorageAttempts,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ResilientGrainStorage>>(),
            // Enrollments whose activations or reminder ticks failed meanwhile are swept back into action.
            () => sp.GetService<EnrollmentRecovery>()?.Request("storage answers again"),
            sp.GetService<PPipeMetrics>()));
        services.AddLogging(logging => logging.AddFilter("Orleans.Storage.AdoNetGrainStorage", LogLevel.Critical));
        return services;
    }
}
