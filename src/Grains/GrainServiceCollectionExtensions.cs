using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Email;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Notifications;
using PPipe.Grains.Mail;
using PPipe.Grains.Outbound;
using PPipe.Grains.Probes;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Site;
using PPipe.Grains.Client.Surveys;

namespace PPipe.Grains;

/// <summary>Registers what P-PIPE's grains need in a silo: hosts and test clusters register the same set.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// The scenario catalog, the survey instrument catalog, the cohort directory and summaries, P-PIPE's metrics and the silo's operator report, the
    /// enrollment wake scheduler and recovery, the guarded outbound client, the webhook sender, the mail transport, the
    /// platform's public address, notifications and the endpoint probes (each unless registered already), and the check
    /// that refuses enrollment timing out of range. Options are bound by the host.
    /// </summary>
    public static IServiceCollection AddPPipeGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScenarioCatalog>();
        services.TryAddSingleton<SurveyInstrumentCatalog>();
        services.TryAddSingleton<CohortDirectory>();
        services.TryAddSingleton<CohortSummaries>();
        services.AddMetrics();
        services.TryAddSingleton<PPipeMetrics>();
        services.TryAddSingleton<EnrollmentWakeups>();
        if (!services.Any(s => s.ImplementationType == typeof(SiloActivityReporter)))
        {
            services.AddHostedService<SiloActivityReporter>();
        }

        if (!services.Any(s => s.ServiceType == typeof(EnrollmentRecovery)))
        {
            services.AddSingleton<EnrollmentRecovery>();
            services.AddHostedService(sp => sp.GetRequiredService<EnrollmentRecovery>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnrollmentOptions>, EnrollmentOptionsValidator>());
        services.TryAddSingleton<OutboundHttp>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<PublicSite>();
        services.AddPPipeMail(configuration);
        services.AddOptions<StudentMailOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudentMailOptions>, StudentMailOptionsValidator>());
        services.AddPPipeNotifications(configuration);
        return services.AddPPipeProbes(configuration);
    }
}
